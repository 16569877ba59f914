// What a bulk job says while it runs and when it ends: shown under the progressbar and
// announced by the dialog's live region, so the two never disagree.
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

/** The whole outcome in one sentence, for a screen reader: the summary and what is left to do. */
export function jobAnnouncement(job: JobSummary): string {
  if (job.phase !== 'done') return jobProgressText(job);
  const parts = [jobSummaryText(job)];
  if (job.failed > 0) parts.push(`${formatCount(job.failed)} failed: Retry failed tries them again`);
  if (job.unconfirmed > 0) parts.push(`${formatCount(job.unconfirmed)} not yet confirmed by GitHub`);
  return `${parts.join('. ')}.`;
}
