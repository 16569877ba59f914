// Follows the latest revocation job from the popup. The worker persists jobs and pushes their
// progress, so a job started on a panel that has since closed still shows here.
import type { Watch } from '../../lib/progress';
import type { JobSummary } from '../../lib/protocol';
import { followJobs, type JobFollower } from '../follow-job';

/** A finished job's summary stays visible this long after it started. */
export const SUMMARY_WINDOW_MS = 60 * 60_000;

/**
 * Reports the latest job through `onJob` (null when there is nothing worth showing): a running
 * job, or a finished one that was seen running or started within the hour. `onFinished` fires
 * when a job seen running completes, as the revoked tokens are then gone from the cache.
 */
export function followRevocations(
  watch: Watch,
  now: () => number,
  onJob: (job: JobSummary | null) => void,
  onFinished: () => void,
): JobFollower {
  const seenRunning = new Set<string>();
  return followJobs(
    watch,
    null,
    {
      onJob(job) {
        if (job.phase !== 'done') seenRunning.add(job.id);
        const worthShowing =
          job.phase !== 'done' || seenRunning.has(job.id) || now() - job.createdAt < SUMMARY_WINDOW_MS;
        onJob(worthShowing ? job : null);
      },
      onFinished,
    },
    ['revoke'],
  );
}
