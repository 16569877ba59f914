// A review job's progress, then its summary: `Approved {k} of {n} requests` (or Denied), the
// failures with GitHub's reason and "Retry failed", and what GitHub still lists as pending.
// The view is the shared one; these are a review's words.
import type { JobItemView, JobSummary, ReviewKind } from '../../lib/protocol';
import { JobView, type JobWords } from '../JobView';
import { requestsText, VERB } from './format';

const wordsOf = (kind: ReviewKind): JobWords => ({
  bar: `${VERB[kind].doing} requests`,
  progress: { doing: VERB[kind].doing, verified: 'no longer pending' },
  summary: (job) => `${VERB[kind].past} ${job.done} of ${requestsText(job.total)}`,
  item: 'request',
  lists: {
    failed: 'Failed',
    unconfirmed: 'Still pending on GitHub (check again after a reload)',
    pending: 'Not sent',
  },
  heading: 'h4',
});
const WORDS = { approve: wordsOf('approve'), deny: wordsOf('deny') };

export function ReviewStatus(props: {
  job: JobSummary;
  outcomes: JobItemView[] | null;
  onRetry: () => void;
}) {
  return <JobView {...props} words={WORDS[props.job.kind as ReviewKind] ?? WORDS.approve} />;
}
