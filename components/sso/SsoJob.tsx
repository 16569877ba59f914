// A removal job's progress (a live region), then its summary: removed, failed (with GitHub's
// reason, and "Retry failed"), or not yet confirmed. The view is the shared one; these are a
// removal's words.
import type { JobItemView, JobSummary } from '../../lib/protocol';
import { JobView, type JobWords } from '../JobView';
import { credentialsText } from './format';

const WORDS: JobWords = {
  bar: 'Removing SSO authorizations',
  // Verification counts sends here: the tab shows no separate count of confirmed removals.
  progress: { doing: 'Removing', verified: null },
  summary: (job) => `Removed ${job.done} of ${credentialsText(job.total)}`,
  item: 'credential',
  lists: { failed: 'Failed', unconfirmed: 'Not yet confirmed by GitHub' },
  heading: null,
  live: true,
};

export function SsoJob(props: { job: JobSummary; outcomes: JobItemView[] | null; onRetry: () => void }) {
  return <JobView {...props} words={WORDS} />;
}
