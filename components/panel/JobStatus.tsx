// A revocation job's progress, then its summary: every token revoked, failed (with
// GitHub's reason) or not yet confirmed. The view is the shared one; these are its words.
import { jobSummaryText, REVOKE_PROGRESS } from '../../lib/job-text';
import type { JobItemView, JobSummary } from '../../lib/protocol';
import { JobView, type JobWords } from '../JobView';

const WORDS: JobWords = {
  bar: 'Revoking tokens',
  progress: REVOKE_PROGRESS,
  summary: jobSummaryText,
  item: 'token',
  lists: {
    failed: 'Failed',
    unconfirmed: 'Not yet confirmed by GitHub (check again after a reload)',
    pending: 'Not sent',
  },
  heading: 'h2',
};

export function JobStatus(props: {
  job: JobSummary;
  /** The items that did not end revoked; null until they are read. */
  outcomes: JobItemView[] | null;
  onRetry: () => void;
}) {
  return <JobView {...props} words={WORDS} />;
}
