// A revocation job's progress, then its summary: every token revoked, failed (with
// GitHub's reason) or not yet confirmed.

import { jobProgressText, jobSummaryText } from '../../lib/job-text';
import type { JobItemView, JobSummary } from '../../lib/protocol';
import { HiddenMark } from './HiddenMark';

function TokenList({ label, tokens }: { label: string; tokens: JobItemView[] }) {
  if (tokens.length === 0) return null;
  return (
    <div class="patrol-job-list">
      <h2>{label}</h2>
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
        <p>{jobProgressText(job)}</p>
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
      <p class="patrol-job-summary">{jobSummaryText(job)}</p>
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
