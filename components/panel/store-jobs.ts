// Revocation: the confirmation dialog, the job started in the worker, and its pushed progress
// (components/follow-job.ts) until GitHub has confirmed (or not) every token.
import type { JobSummary, Reply } from '../../lib/protocol';
import { followJobs, type JobFollower, readJobOutcomes } from '../follow-job';
import type { Kit, PanelActions } from './state';

type JobActionKeys =
  | 'openRevoke'
  | 'closeDialog'
  | 'confirmRevoke'
  | 'retryFailed'
  | 'dismissJob'
  | 'resumeJob';

export function jobActions(kit: Kit): Pick<PanelActions, JobActionKeys> & { stopFollowing(): void } {
  const { get, update, deps, org } = kit;
  let follower: JobFollower | null = null;

  async function finished(job: JobSummary): Promise<void> {
    if (kit.disposed() || get().job?.id !== job.id) return;
    const outcomes = await readJobOutcomes(deps.send, job.id);
    if (kit.disposed()) return;
    if (outcomes.ok) update({ jobOutcomes: outcomes.data });
    else update({ error: outcomes.error, jobOutcomes: null });
    // The worker reloaded the grants while verifying, so its cache is current: revoked ids
    // leave the list, and with it the selection.
    await get().load(false);
  }

  function follow(): JobFollower {
    follower ??= followJobs(
      deps.watch,
      org,
      {
        onJob(job) {
          const current = get().job;
          // The job this panel shows, or a job still running for this org (it survives closed tabs).
          if (current?.id === job.id) update({ job });
          else if (job.phase !== 'done' && (!current || current.phase === 'done') && get().dialog !== 'job')
            update({ job, jobOutcomes: null, jobShown: true });
          else if (get().dialog === 'job' && current === null && job.phase !== 'done') update({ job });
        },
        onFinished: (job) => void finished(job),
      },
      ['revoke'],
    );
    return follower;
  }

  function adopt(reply: Reply<JobSummary>): void {
    if (!reply.ok) {
      update({ error: reply.error });
      return;
    }
    update({ job: reply.data, jobOutcomes: null, jobShown: true, error: null });
    follow().expect(reply.data);
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
      update({ dialog: 'job', job: null, jobOutcomes: null });
      follow();
      adopt(await deps.send('jobs.start', { kind: 'revoke', org, ids: grantIds }));
    },
    async retryFailed() {
      const job = get().job;
      if (!job) return;
      adopt(await deps.send('jobs.retryFailed', { jobId: job.id }));
    },
    dismissJob() {
      update({ jobShown: false });
    },
    async resumeJob() {
      // The worker pushes this org's newest job on connect: a running one shows and is followed.
      follow();
    },
    stopFollowing() {
      follower?.stop();
      follower = null;
    },
  };
}
