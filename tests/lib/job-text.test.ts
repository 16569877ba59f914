// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { jobProgressText, jobSummaryText, progressText } from '../../lib/job-text';
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

  it("says any kind's progress with that kind's words", () => {
    const plain = { doing: 'Removing', verified: null };
    expect(progressText(jobSummary({ phase: 'running', total: 1500, sent: 200 }), plain)).toBe(
      'Removing… 200 of 1500 sent',
    );
    expect(progressText(jobSummary({ phase: 'verifying', total: 3, sent: 3, done: 1 }), plain)).toBe(
      'Verifying with GitHub… 3 of 3 sent',
    );
    const review = { doing: 'Denying', verified: 'no longer pending' };
    expect(progressText(jobSummary({ phase: 'verifying', total: 3, sent: 3, done: 1 }), review)).toBe(
      'Verifying with GitHub… 1 of 3 no longer pending',
    );
    const until = 1_700_000_000_000;
    expect(
      progressText(jobSummary({ phase: 'waiting', total: 1500, sent: 1200, waitingUntil: until }), review),
    ).toBe(
      `Waiting for GitHub's rate limit until ${new Date(until).toLocaleTimeString()}… 1200 of 1500 sent`,
    );
  });
});
