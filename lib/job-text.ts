// What a bulk job says while it runs and when it ends (the dialog's live region announces it).
// Every kind says its progress the same way; only its words differ (ProgressWords).
import { countOf, formatCount } from './plural';
import type { JobSummary } from './protocol';

/** A kind's words in its progress line. */
export interface ProgressWords {
  /** What sending is: `Revoking`, `Approving`, `Removing`. */
  doing: string;
  /** What verification counts: `confirmed revoked`; null: the line keeps counting what was sent. */
  verified: string | null;
  /** How counts are written: the panel groups digits; the requests and SSO tabs write them plain. */
  count?: (n: number) => string;
}

/** One line of progress: sending, waiting for a rate limit, or verifying. */
export function progressText(job: JobSummary, { doing, verified, count = String }: ProgressWords): string {
  const sent = `${count(job.sent)} of ${count(job.total)} sent`;
  if (job.phase === 'waiting' && job.waitingUntil !== null) {
    const until = new Date(job.waitingUntil).toLocaleTimeString();
    return `Waiting for GitHub's rate limit until ${until}… ${sent}`;
  }
  if (job.phase === 'verifying') {
    const counted = verified === null ? sent : `${count(job.done)} of ${count(job.total)} ${verified}`;
    return `Verifying with GitHub… ${counted}`;
  }
  return `${doing}… ${sent}`;
}

/** A revocation's words (PRODUCT.md "The panel"). */
export const REVOKE_PROGRESS: ProgressWords = {
  doing: 'Revoking',
  verified: 'confirmed revoked',
  count: formatCount,
};

/** A revocation's progress line. */
export const jobProgressText = (job: JobSummary): string => progressText(job, REVOKE_PROGRESS);

/** `Revoked {k} of {n} tokens` (PRODUCT.md "The panel"). */
export const jobSummaryText = (job: JobSummary): string =>
  `Revoked ${formatCount(job.done)} of ${countOf(job.total, 'token')}`;
