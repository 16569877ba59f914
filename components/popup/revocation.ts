// Follows the latest revocation job from the popup. The worker persists jobs, so a job
// started on a panel that has since closed still shows its progress here.
import type { send as sendMessage } from '../../lib/messaging';
import type { JobView } from '../../lib/protocol';

const POLL_MS = 1000;
/** A finished job's summary stays visible this long after it started. */
export const SUMMARY_WINDOW_MS = 60 * 60_000;

interface Deps {
  send: typeof sendMessage;
  now: () => number;
}

/**
 * Reports the latest job through `onJob` (null when there is nothing worth showing) and
 * polls every second while it runs; `onFinished` fires when a watched job completes, as
 * the revoked tokens are then gone from the cache.
 */
export function pollRevocation(
  deps: Deps,
  timer: (fn: () => void, ms: number) => unknown,
  onJob: (job: JobView | null) => void,
  onFinished: () => void,
): void {
  const tick = async (watching: boolean) => {
    const reply = await deps.send('revoke.status', { org: null });
    if (!reply.ok) {
      // A worker restart mid-job answers once with an error; keep following the job.
      if (watching) timer(() => void tick(true), POLL_MS);
      return;
    }
    const job = reply.data;
    if (job && job.phase !== 'done') {
      onJob(job);
      timer(() => void tick(true), POLL_MS);
      return;
    }
    if (job && watching) onFinished();
    // JobView carries no finish time; its start time bounds how recent the summary is.
    onJob(job && (watching || deps.now() - job.createdAt < SUMMARY_WINDOW_MS) ? job : null);
  };
  void tick(false);
}
