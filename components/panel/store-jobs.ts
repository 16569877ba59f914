// Revocation: the confirmation dialog, the job started in the worker, and the poll that
// follows it until GitHub has confirmed (or not) every token.
import type { JobView, Reply } from '../../lib/protocol';
import type { Kit, PanelActions } from './state';

const JOB_POLL_MS = 700;

type JobActionKeys =
  | 'openRevoke'
  | 'closeDialog'
  | 'confirmRevoke'
  | 'retryFailed'
  | 'dismissJob'
  | 'resumeJob';

export function jobActions(kit: Kit): Pick<PanelActions, JobActionKeys> {
  const { get, update, deps, org } = kit;
  let following = false;

  /** Polls `revoke.status` until the job is done, then reloads the grants. */
  async function follow(): Promise<void> {
    if (following) return;
    following = true;
    try {
      while (!kit.disposed() && get().job?.phase !== 'done') {
        await deps.sleep(JOB_POLL_MS);
        const reply = await deps.send('revoke.status', { org });
        if (!reply.ok) {
          update({ error: reply.error });
          continue;
        }
        // The job is gone (the worker keeps the last 20) or another one replaced it: stop.
        if (!reply.data || reply.data.id !== get().job?.id) break;
        update({ job: reply.data });
      }
    } finally {
      following = false;
    }
    if (kit.disposed()) return;
    const job = get().job;
    // The worker reloaded the grants while verifying, so its cache is current.
    await get().load(false);
    if (job) {
      const revoked = new Set(job.tokens.filter((t) => t.state === 'revoked').map((t) => t.grantId));
      update({ selection: new Set([...get().selection].filter((id) => !revoked.has(id))) });
    }
  }

  function adopt(reply: Reply<JobView>): void {
    if (!reply.ok) {
      update({ error: reply.error });
      return;
    }
    update({ job: reply.data, jobShown: true, error: null });
    void follow();
  }

  return {
    openRevoke() {
      const running = get().job && get().job?.phase !== 'done';
      if (get().selection.size > 0 && !running) update({ dialog: 'confirm', error: null });
    },
    closeDialog() {
      update({ dialog: 'closed' });
    },
    async confirmRevoke(grantIds) {
      if (grantIds.length === 0) return;
      update({ dialog: 'job', job: null });
      adopt(await deps.send('revoke.start', { org, grantIds }));
    },
    async retryFailed() {
      const job = get().job;
      if (!job) return;
      adopt(await deps.send('revoke.retryFailed', { jobId: job.id }));
    },
    dismissJob() {
      update({ jobShown: false });
    },
    async resumeJob() {
      const reply = await deps.send('revoke.status', { org });
      // A finished job is history (the options page keeps the log); only a running one shows.
      if (reply.ok && reply.data && reply.data.phase !== 'done' && !get().job) {
        update({ job: reply.data, jobShown: true });
        void follow();
      }
    },
  };
}
