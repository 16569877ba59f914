// What a bulk job says while it runs and when it ends (the dialog's live region announces it).
import { countOf, formatCount } from './plural';
import type { JobSummary } from './protocol';

/** One line of progress: sending, waiting for a rate limit, or verifying. */
export function jobProgressText(job: JobSummary): string {
  const sent = `${formatCount(job.sent)} of ${formatCount(job.total)} sent`;
  if (job.phase === 'waiting' && job.waitingUntil !== null) {
    const until = new Date(job.waitingUntil).toLocaleTimeString();
    return `Waiting for GitHub's rate limit until ${until}… ${sent}`;
  }
  if (job.phase === 'verifying')
    return `Verifying with GitHub… ${formatCount(job.done)} of ${formatCount(job.total)} confirmed revoked`;
  return `Revoking… ${sent}`;
}

/** `Revoked {k} of {n} tokens` (PRODUCT.md "The panel"). */
export const jobSummaryText = (job: JobSummary): string =>
  `Revoked ${formatCount(job.done)} of ${countOf(job.total, 'token')}`;
