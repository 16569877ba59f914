// A revocation in flight (or just finished), so the owner can follow it after closing the
// panel that started it.
import type { JobSummary } from '../../lib/protocol';
import { useStore } from '../use-store';
import type { PopupController } from './store';

function Summary({ job }: { job: JobSummary }) {
  const { done: revoked, failed, unconfirmed, total } = job;
  return (
    <>
      <p>
        Revoked {revoked} of {total} tokens in <span dir="auto">{job.org}</span>
        {failed > 0 && ` · ${failed} failed`}
        {unconfirmed > 0 && ` · ${unconfirmed} unconfirmed`}
      </p>
      {(failed > 0 || unconfirmed > 0) && (
        <p class="help">Open the organization's Active tokens page to see why and retry the failed ones.</p>
      )}
    </>
  );
}

export function Revocation({ controller }: { controller: PopupController }) {
  const job = useStore(controller.store, (s) => s.job);
  if (!job) return null;
  const running = job.phase !== 'done';
  return (
    <section class="revocation" aria-label="Revocation">
      {running ? (
        <>
          <p>{`Revoking: ${job.sent}/${job.total}…`}</p>
          <progress aria-label="Revocation progress" value={job.sent} max={Math.max(job.total, 1)} />
          <p class="help">
            in <span dir="auto">{job.org}</span>
            {job.message && ` · ${job.message}`}
          </p>
        </>
      ) : (
        <Summary job={job} />
      )}
    </section>
  );
}
