// A revocation job's progress, then its summary: every token revoked, failed (with
// GitHub's reason) or not yet confirmed.
import type { JobItemView, JobSummary } from '../../lib/protocol';
import { tokensText } from './format';
import { HiddenMark } from './HiddenMark';

function TokenList({ label, tokens }: { label: string; tokens: JobItemView[] }) {
  if (tokens.length === 0) return null;
  return (
    <div class="patrol-job-list">
      <h4>{label}</h4>
      <ul aria-label={label}>
        {tokens.map((t) => (
          <li key={t.id}>
            <bdi>{t.name || `token ${t.id}`}</bdi>
            <HiddenMark text={t.name} /> by <bdi>{t.owner}</bdi>
            <HiddenMark text={t.owner} />
            {t.reason ? `: ${t.reason}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

function progressLine(job: JobSummary): string {
  if (job.phase === 'waiting' && job.waitingUntil !== null) {
    return `Waiting for GitHub's rate limit until ${new Date(job.waitingUntil).toLocaleTimeString()}… ${job.sent} of ${job.total} sent`;
  }
  if (job.phase === 'verifying')
    return `Verifying with GitHub… ${job.done} of ${job.total} confirmed revoked`;
  return `Revoking… ${job.sent} of ${job.total} sent`;
}

export function JobStatus({
  job,
  outcomes,
  onRetry,
}: {
  job: JobSummary;
  /** The items that did not end revoked; null until they are read. */
  outcomes: JobItemView[] | null;
  onRetry: () => void;
}) {
  if (job.phase !== 'done') {
    const verifying = job.phase === 'verifying';
    return (
      <div class="patrol-job">
        {verifying ? (
          <progress aria-label="Revoking tokens" max={job.total} value={job.done} />
        ) : (
          <progress aria-label="Revoking tokens" max={job.total} value={job.sent} />
        )}
        <p>{progressLine(job)}</p>
        {job.message && <p>{job.message}</p>}
      </div>
    );
  }
  const open = outcomes ?? [];
  const failed = open.filter((t) => t.state === 'failed');
  const unconfirmed = open.filter((t) => t.state === 'unconfirmed' || t.state === 'sent');
  const pending = open.filter((t) => t.state === 'pending');
  return (
    <div class="patrol-job">
      <p class="patrol-job-summary">
        Revoked {job.done} of {tokensText(job.total)}
      </p>
      {job.message && <p>{job.message}</p>}
      <TokenList label="Failed" tokens={failed} />
      <TokenList label="Not yet confirmed by GitHub (check again after a reload)" tokens={unconfirmed} />
      <TokenList label="Not sent" tokens={pending} />
      {job.failed > 0 && (
        <button type="button" class="patrol-button" onClick={onRetry}>
          Retry failed
        </button>
      )}
    </div>
  );
}
