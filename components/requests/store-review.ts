// Reviews: the confirmation dialog, the job started in the worker (`requests.review`), its
// pushed progress, then the outcomes and a reload of the pending list.
import type { JobItemView, JobOutcomes, JobSummary, Reply } from '../../lib/protocol';
import { followJobs, type JobFollower } from '../follow-job';
import type { RequestsActions, RequestsData, RequestsDeps, RequestsState } from './state';

type Keys = 'openReview' | 'closeDialog' | 'confirmReview' | 'retryFailed' | 'dismissJob';

export function reviewActions(
  get: () => RequestsState,
  update: (partial: Partial<RequestsData>) => void,
  deps: RequestsDeps,
  org: string,
): Pick<RequestsActions, Keys> & { follow(): void; stop(): void } {
  let follower: JobFollower | null = null;

  async function readOutcomes(jobId: string): Promise<JobItemView[] | null> {
    const items: JobItemView[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const reply: Reply<JobOutcomes> = await deps.send('jobs.outcomes', { jobId, offset });
      if (!reply.ok) {
        update({ error: reply.error });
        return null;
      }
      items.push(...reply.data.items);
      offset = reply.data.next;
    }
    return items;
  }

  function follow(): JobFollower {
    follower ??= followJobs(deps.watch, org, {
      onJob(job) {
        if (job.kind === 'revoke') return; // the Active tokens panel's
        const current = get().job;
        if (current?.id === job.id) update({ job });
        else if (job.phase !== 'done' && (!current || current.phase === 'done') && get().dialog !== 'job')
          update({ job, jobOutcomes: null, jobShown: true });
      },
      onFinished: (job) => {
        if (job.kind === 'revoke' || get().job?.id !== job.id) return;
        void readOutcomes(job.id).then(async (outcomes) => {
          update({ jobOutcomes: outcomes });
          // The worker reloaded the pending list while verifying: decided requests leave.
          await get().load(false);
        });
      },
    });
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
    follow: () => void follow(),
    stop() {
      follower?.stop();
      follower = null;
    },
    openReview(kind) {
      const running = get().job && get().job?.phase !== 'done';
      if (get().selection.size > 0 && !running) update({ dialog: kind, error: null });
    },
    closeDialog: () => update({ dialog: 'closed' }),
    async confirmReview(kind, ids, reason) {
      if (ids.length === 0) return;
      update({ dialog: 'job', job: null, jobOutcomes: null });
      follow();
      adopt(await deps.send('requests.review', { kind, org, ids, reason }));
    },
    async retryFailed() {
      const job = get().job;
      if (job) adopt(await deps.send('jobs.retryFailed', { jobId: job.id }));
    },
    dismissJob: () => update({ jobShown: false }),
  };
}
