// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { jobProgressText, jobSummaryText } from '../../lib/job-text';
import { jobSummary } from '../support/fake-worker';

describe('what a job says', () => {
  it('counts what was sent, then what GitHub confirmed', () => {
    expect(jobProgressText(jobSummary({ phase: 'running', total: 1500, sent: 200 }))).toBe(
      'Revoking… 200 of 1,500 sent',
    );
    expect(jobProgressText(jobSummary({ phase: 'verifying', total: 3, sent: 3, done: 1 }))).toBe(
      'Verifying with GitHub… 1 of 3 confirmed revoked',
    );
  });

  it('sums up in correct English', () => {
    expect(jobSummaryText(jobSummary({ phase: 'done', total: 1, done: 1 }))).toBe('Revoked 1 of 1 token');
    expect(jobSummaryText(jobSummary({ phase: 'done', total: 1500, done: 1499 }))).toBe(
      'Revoked 1,499 of 1,500 tokens',
    );
  });
});
