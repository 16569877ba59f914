// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { halves, onBatchFailure } from '../../lib/github/batch-split';
import { describeGitHubError } from '../../lib/github/errors';

const http = (status: number, message: string, headers: Record<string, string> = {}) =>
  describeGitHubError({ status, message, response: { headers, data: { message } } });

describe('a failed bulk revoke', () => {
  it('waits out a rate limit, a spammed 422 included, instead of splitting it', () => {
    expect(onBatchFailure(http(422, 'The endpoint has been spammed.'), 100)).toBe('wait');
    expect(onBatchFailure(http(429, 'Too Many Requests', { 'retry-after': '5' }), 100)).toBe('wait');
  });

  it('splits a refused batch in halves, and stops when a half fails for the same reason', () => {
    const refused = http(422, 'Validation Failed');
    expect(onBatchFailure(refused, 100)).toBe('split');
    expect(onBatchFailure(http(422, 'Validation Failed'), 50, refused)).toBe('stop');
    expect(onBatchFailure(http(404, 'Not Found'), 50, refused)).toBe('split');
    expect(onBatchFailure(refused, 1)).toBe('stop');
  });

  it('never splits what a smaller batch cannot change', () => {
    expect(onBatchFailure(http(401, 'Bad credentials'), 100)).toBe('stop');
    expect(onBatchFailure(http(403, 'Resource not accessible by integration'), 100)).toBe('stop');
  });

  it('halves keep every id once', () => {
    expect(halves([1, 2, 3, 4, 5])).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });
});
