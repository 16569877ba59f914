// A removal job's progress (a live region), then its summary: removed, failed (with GitHub's
// reason, and "Retry failed"), or not yet confirmed.
import type { JobItemView, JobSummary } from '../../lib/protocol';
import { HiddenMark } from '../panel/HiddenMark';
import { credentialsText } from './format';

function Items({ label, items }: { label: string; items: JobItemView[] }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>
          <bdi>{item.name || `credential ${item.id}`}</bdi>
          <HiddenMark text={item.name} /> by <bdi>{item.owner}</bdi>
          <HiddenMark text={item.owner} />
          {item.reason ? `: ${item.reason}` : ''}
        </li>
      ))}
    </ul>
  );
}

export function SsoJob(props: { job: JobSummary; outcomes: JobItemView[] | null; onRetry: () => void }) {
  const { job, outcomes, onRetry } = props;
  if (job.phase !== 'done') {
    const waiting = job.phase === 'waiting' && job.waitingUntil !== null;
    return (
      <div class="patrol-job" role="status">
        <progress aria-label="Removing SSO authorizations" max={job.total} value={job.sent} />
        <p>
          {waiting
            ? `Waiting for GitHub's rate limit until ${new Date(job.waitingUntil ?? 0).toLocaleTimeString()}… `
            : job.phase === 'verifying'
              ? 'Verifying with GitHub… '
              : 'Removing… '}
          {job.sent} of {job.total} sent
        </p>
        {job.message && <p>{job.message}</p>}
      </div>
    );
  }
  const open = outcomes ?? [];
  return (
    <div class="patrol-job" role="status">
      <p class="patrol-job-summary">
        Removed {job.done} of {credentialsText(job.total)}
      </p>
      {job.message && <p>{job.message}</p>}
      <Items label="Failed" items={open.filter((i) => i.state === 'failed')} />
      <Items
        label="Not yet confirmed by GitHub"
        items={open.filter((i) => i.state === 'unconfirmed' || i.state === 'sent')}
      />
      {job.failed > 0 && (
        <button type="button" class="patrol-button" onClick={onRetry}>
          Retry failed
        </button>
      )}
    </div>
  );
}
