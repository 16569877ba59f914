// A review job's progress, then its summary: `Approved {k} of {n} requests` (or Denied), the
// failures with GitHub's reason and "Retry failed", and what GitHub still lists as pending.
import type { JobItemView, JobSummary, ReviewKind } from '../../lib/protocol';
import { HiddenMark } from '../panel/HiddenMark';
import { requestsText, VERB } from './format';

function Items({ label, items }: { label: string; items: JobItemView[] }) {
  if (items.length === 0) return null;
  return (
    <div class="patrol-job-list">
      <h4>{label}</h4>
      <ul aria-label={label}>
        {items.map((t) => (
          <li key={t.id}>
            <bdi>{t.name || `request ${t.id}`}</bdi>
            <HiddenMark text={t.name} /> by <bdi>{t.owner}</bdi>
            <HiddenMark text={t.owner} />
            {t.reason ? `: ${t.reason}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ReviewStatus({
  job,
  outcomes,
  onRetry,
}: {
  job: JobSummary;
  outcomes: JobItemView[] | null;
  onRetry: () => void;
}) {
  const verb = VERB[job.kind as ReviewKind] ?? VERB.approve;
  if (job.phase !== 'done') {
    const line =
      job.phase === 'waiting' && job.waitingUntil !== null
        ? `Waiting for GitHub's rate limit until ${new Date(job.waitingUntil).toLocaleTimeString()}… ${job.sent} of ${job.total} sent`
        : job.phase === 'verifying'
          ? `Verifying with GitHub… ${job.done} of ${job.total} no longer pending`
          : `${verb.doing}… ${job.sent} of ${job.total} sent`;
    return (
      <div class="patrol-job">
        <progress
          aria-label={`${verb.doing} requests`}
          max={job.total}
          value={job.phase === 'verifying' ? job.done : job.sent}
        />
        <p>{line}</p>
        {job.message && <p>{job.message}</p>}
      </div>
    );
  }
  const open = outcomes ?? [];
  return (
    <div class="patrol-job">
      <p class="patrol-job-summary">
        {verb.past} {job.done} of {requestsText(job.total)}
      </p>
      {job.message && <p>{job.message}</p>}
      <Items label="Failed" items={open.filter((t) => t.state === 'failed')} />
      <Items
        label="Still pending on GitHub (check again after a reload)"
        items={open.filter((t) => t.state === 'unconfirmed' || t.state === 'sent')}
      />
      <Items label="Not sent" items={open.filter((t) => t.state === 'pending')} />
      {job.failed > 0 && (
        <button type="button" class="patrol-button" onClick={onRetry}>
          Retry failed
        </button>
      )}
    </div>
  );
}
