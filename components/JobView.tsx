// A bulk job's progress, then its summary: what ended done, what failed (with GitHub's
// reason, and "Retry failed"), what GitHub has not confirmed, what was never sent. One view
// for every kind (revoke, review, SSO removal); each surface passes its kind's words.
import { type ProgressWords, progressText } from '../lib/job-text';
import type { JobItemView, JobSummary } from '../lib/protocol';
import { HiddenMark } from './panel/HiddenMark';

export interface JobWords {
  /** The progress bar's accessible name: `Revoking tokens`. */
  bar: string;
  /** The line under the bar while it runs (lib/job-text.ts). */
  progress: ProgressWords;
  /** The line once it ended: `Revoked 3 of 4 tokens`. */
  summary: (job: JobSummary) => string;
  /** What an item GitHub gave no name is called, before its id: `token`. */
  item: string;
  /** The lists' labels; a surface without a `pending` label shows no "not sent" list. */
  lists: { failed: string; unconfirmed: string; pending?: string };
  /** The lists' heading level, under the surface's own headings; null: the label only names the list. */
  heading: 'h2' | 'h4' | null;
  /** Whether the view is a live region itself (it is not where a dialog announces it). */
  live?: boolean;
}

function Items({ label, items, words }: { label?: string; items: JobItemView[]; words: JobWords }) {
  if (label === undefined || items.length === 0) return null;
  const list = (
    <ul aria-label={label}>
      {items.map((t) => (
        <li key={t.id}>
          <bdi>{t.name || `${words.item} ${t.id}`}</bdi>
          <HiddenMark text={t.name} /> by <bdi>{t.owner}</bdi>
          <HiddenMark text={t.owner} />
          {t.reason ? `: ${t.reason}` : ''}
        </li>
      ))}
    </ul>
  );
  if (words.heading === null) return list;
  return (
    <div class="patrol-job-list">
      {words.heading === 'h2' ? <h2>{label}</h2> : <h4>{label}</h4>}
      {list}
    </div>
  );
}

export function JobView({
  job,
  outcomes,
  onRetry,
  words,
}: {
  job: JobSummary;
  /** The items that did not end done; null until they are read. */
  outcomes: JobItemView[] | null;
  onRetry: () => void;
  words: JobWords;
}) {
  const role = words.live ? 'status' : undefined;
  if (job.phase !== 'done') {
    // The bar counts what the line counts: confirmations while verifying, if the kind counts them.
    const confirming = job.phase === 'verifying' && words.progress.verified !== null;
    return (
      <div class="patrol-job" role={role}>
        <progress aria-label={words.bar} max={job.total} value={confirming ? job.done : job.sent} />
        <p>{progressText(job, words.progress)}</p>
        {job.message && <p>{job.message}</p>}
      </div>
    );
  }
  const open = outcomes ?? [];
  const { failed, unconfirmed, pending } = words.lists;
  return (
    <div class="patrol-job" role={role}>
      <p class="patrol-job-summary">{words.summary(job)}</p>
      {job.message && <p>{job.message}</p>}
      <Items label={failed} items={open.filter((t) => t.state === 'failed')} words={words} />
      <Items
        label={unconfirmed}
        items={open.filter((t) => t.state === 'unconfirmed' || t.state === 'sent')}
        words={words}
      />
      <Items label={pending} items={open.filter((t) => t.state === 'pending')} words={words} />
      {job.failed > 0 && (
        <button type="button" class="patrol-button" onClick={onRetry}>
          Retry failed
        </button>
      )}
    </div>
  );
}
