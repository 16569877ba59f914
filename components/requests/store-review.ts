// Reviews: the confirmation dialog, the job started in the worker (`requests.review`), its
// pushed progress, then the outcomes and a reload of the pending list.
import type { JobSummary, Reply } from '../../lib/protocol';
import { followJobs, type JobFollower, readJobOutcomes } from '../follow-job';
import type { RequestsActions, RequestsData, RequestsDeps, RequestsState } from './state';

type Keys = 'openReview' | 'closeDialog' | 'confirmReview' | 'retryFailed' | 'dismissJob';

export function reviewActions(
  get: () => RequestsState,
  update: (partial: Partial<RequestsData>) => void,
  deps: RequestsDeps,
  org: string,
): Pick<RequestsActions, Keys> & { follow(): void; stop(): void } {
  let follower: JobFollower | null = null;
  /** A finished job's reload of the list, held while its dialog is open (see onFinished). */
  let reloadOnClose = false;

  function follow(): JobFollower {
    follower ??= followJobs(
      deps.watch,
      org,
      {
        onJob(job) {
          const current = get().job;
          if (current?.id === job.id) update({ job });
          else if (job.phase !== 'done' && (!current || current.phase === 'done') && get().dialog !== 'job')
            update({ job, jobOutcomes: null, jobShown: true });
        },
        onFinished: (job) => {
          if (get().job?.id !== job.id) return;
          void readJobOutcomes(deps.send, job.id).then(async (outcomes) => {
            if (outcomes.ok) update({ jobOutcomes: outcomes.data });
            else update({ error: outcomes.error, jobOutcomes: null });
            // The worker reloaded the pending list while verifying: decided requests leave.
            // Not under the open dialog: the frame is as tall as the list and the modal dialog
            // is centred in it, so a list shrinking under it (150 rows gone) moved the summary
            // and its Close button out of the owner's view. The list reloads when it closes.
            if (get().dialog === 'job') reloadOnClose = true;
            else await get().load(false);
          });
        },
      },
      ['approve', 'deny'],
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
    follow: () => void follow(),
    stop() {
      follower?.stop();
      follower = null;
    },
    openReview(kind) {
      const running = get().job && get().job?.phase !== 'done';
      if (get().selection.size > 0 && !running) update({ dialog: kind, error: null });
    },
    closeDialog() {
      update({ dialog: 'closed' });
      if (!reloadOnClose) return;
      reloadOnClose = false;
      void get().load(false);
    },
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
