// The SSO tab's half of a removal job: follows this org's remove-authorization jobs through
// pushed progress and, once one ends, reads the items that did not end removed and reloads
// the list (the worker reloaded it while verifying).
import { followJobs, type JobFollower, readJobOutcomes } from '../follow-job';
import type { SsoDeps, SsoState } from './store';

export function followRemovals(
  deps: SsoDeps,
  org: string,
  get: () => SsoState,
  set: (partial: Partial<SsoState>) => void,
): JobFollower {
  return followJobs(
    deps.watch,
    org,
    {
      onJob(job) {
        const current = get().job;
        // The job this tab shows, or one still running for this org (it survives closed tabs).
        if (current?.id === job.id || (job.phase !== 'done' && (!current || current.phase === 'done'))) {
          set({ job });
        }
      },
      async onFinished(job) {
        if (get().job?.id !== job.id) return;
        const outcomes = await readJobOutcomes(deps.send, job.id);
        if (outcomes.ok) set({ outcomes: outcomes.data });
        else set({ outcomes: null, error: outcomes.error });
        await get().load(false);
      },
    },
    ['remove-authorization'],
  );
}
