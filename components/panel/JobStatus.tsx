// A revocation job's progress, then its summary: every token revoked, failed (with
// GitHub's reason) or not yet confirmed.
import type { JobTokenView, JobView } from '../../lib/protocol';
import { tokensText } from './format';

function TokenList({ label, tokens }: { label: string; tokens: JobTokenView[] }) {
  if (tokens.length === 0) return null;
  return (
    <div class="patrol-job-list">
      <h4>{label}</h4>
      <ul aria-label={label}>
        {tokens.map((t) => (
          <li key={t.grantId}>
            <bdi>{t.tokenName || `token ${t.grantId}`}</bdi> by <bdi>{t.ownerLogin}</bdi>
            {t.reason ? `: ${t.reason}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

function progressLine(job: JobView): string {
  if (job.phase === 'waiting' && job.waitingUntil !== null) {
    return `Waiting for GitHub's rate limit until ${new Date(job.waitingUntil).toLocaleTimeString()}… ${job.sent} of ${job.total} sent`;
  }
  if (job.phase === 'verifying')
    return `Verifying with GitHub… ${job.revoked} of ${job.total} confirmed revoked`;
  return `Revoking… ${job.sent} of ${job.total} sent`;
}

export function JobStatus({ job, onRetry }: { job: JobView; onRetry: () => void }) {
  if (job.phase !== 'done') {
    const verifying = job.phase === 'verifying';
    return (
      <div class="patrol-job">
        {verifying ? (
          <progress aria-label="Revoking tokens" max={job.total} value={job.revoked} />
        ) : (
          <progress aria-label="Revoking tokens" max={job.total} value={job.sent} />
        )}
        <p>{progressLine(job)}</p>
        {job.message && <p>{job.message}</p>}
      </div>
    );
  }
  const failed = job.tokens.filter((t) => t.state === 'failed');
  const unconfirmed = job.tokens.filter((t) => t.state === 'unconfirmed' || t.state === 'sent');
  const pending = job.tokens.filter((t) => t.state === 'pending');
  return (
    <div class="patrol-job">
      <p class="patrol-job-summary">
        Revoked {job.revoked} of {tokensText(job.total)}
      </p>
      {job.message && <p>{job.message}</p>}
      <TokenList label="Failed" tokens={failed} />
      <TokenList label="Not yet confirmed by GitHub (check again after a reload)" tokens={unconfirmed} />
      <TokenList label="Not sent" tokens={pending} />
      {failed.length > 0 && (
        <button type="button" class="patrol-button" onClick={onRetry}>
          Retry failed
        </button>
      )}
    </div>
  );
}
