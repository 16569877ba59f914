// What to do when GitHub refuses a bulk revoke (for the job engine). GitHub does not document
// what it does with unknown ids in a bulk write, and its 422 also means "the endpoint has been
// spammed" (GITHUB-API.md §7): never fan a failed batch out into one write per id. Wait out a
// rate limit; split a refused batch in halves, and stop splitting once a half fails for the
// same reason as its parent.
import type { ReplyError } from '../protocol';

export type BatchFailureAction = 'wait' | 'split' | 'stop';

/** Codes a smaller batch could avoid: GitHub refused something about the ids themselves. */
const SPLITTABLE = new Set<ReplyError['code']>(['validation', 'org_not_found']);

/**
 * `wait` for a rate limit (park until `retryAt`), `split` when the refusal may concern some ids
 * only, `stop` for anything a smaller batch cannot change (credentials, permissions, offline).
 * Pass the parent batch's failure to stop when a half fails for the same reason.
 */
export function onBatchFailure(
  failure: ReplyError,
  batchSize: number,
  parentFailure?: ReplyError,
): BatchFailureAction {
  if (failure.code === 'rate_limited') return 'wait';
  if (!SPLITTABLE.has(failure.code) || batchSize <= 1) return 'stop';
  if (parentFailure && sameFailure(failure, parentFailure)) return 'stop';
  return 'split';
}

/** Two failures for the same reason: same code and same GitHub message. */
export function sameFailure(a: ReplyError, b: ReplyError): boolean {
  return a.code === b.code && a.message === b.message;
}

/** A batch in two halves (the first takes the odd one). */
export function halves<T>(ids: readonly T[]): [T[], T[]] {
  const middle = Math.ceil(ids.length / 2);
  return [ids.slice(0, middle), ids.slice(middle)];
}
