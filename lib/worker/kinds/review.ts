// Approving and denying pending token requests as job kinds: a batch is one bulk review (at
// most 100 request ids and the job's reason; GitHub answers 202 and applies it later), and
// verification reloads the pending list: a request no longer listed was decided.
import type { GitHubClient } from '../../github/client';
import { reviewRequestBatch } from '../../github/requests';
import type { JobItem } from '../../jobs/job';
import type { LoadedRequests, ReviewKind } from '../../protocol';
import type { KindRunner } from '../job-runner';
import { withRequestsAdvice } from '../requests-errors';

const statusOf = (error: unknown) =>
  typeof error === 'object' && error !== null && 'status' in error
    ? (error as { status: unknown }).status
    : null;

export function reviewKind(
  kind: ReviewKind,
  deps: {
    client: (org: string) => Promise<GitHubClient>;
    /** Reloads (and caches) the org's pending requests. */
    reload: (org: string) => Promise<LoadedRequests>;
    /** After approvals applied: the org's grants, which now include them, are reloaded. */
    approvalsApplied?: (org: string, items: readonly JobItem[]) => Promise<void>;
  },
): KindRunner {
  const listed = async (org: string) => new Set((await deps.reload(org)).requests.map((r) => r.grantId));
  return {
    action: kind === 'approve' ? 'approve token requests' : 'deny token requests',
    doneOutcome: kind === 'approve' ? 'approved' : 'denied',
    async send(org, items, job) {
      const ids = items.map((item) => item.id);
      try {
        await reviewRequestBatch(await deps.client(org), org, ids, kind, job.note ?? null);
      } catch (error) {
        // A batch re-sent after its answer was lost (the worker stopped mid-request) names
        // requests GitHub has since decided, and GitHub refuses it whole with 422. When none
        // of them is pending any more, the batch did its work: verification confirms it.
        if (statusOf(error) === 422) {
          const pending = await listed(org);
          if (!ids.some((id) => pending.has(id))) return;
        }
        throw withRequestsAdvice(error);
      }
    },
    async stillListed(org, items) {
      const pending = await listed(org);
      if (kind === 'approve' && deps.approvalsApplied && !items.some((item) => pending.has(item.id))) {
        await deps.approvalsApplied(org, items);
      }
      return pending;
    },
  };
}
