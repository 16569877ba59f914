// The SSO tab's half of a removal job: follows this org's remove-authorization jobs through
// pushed progress and, once one ends, reads the items that did not end removed and reloads
// the list (the worker reloaded it while verifying).
import type { JobItemView, Output, Reply } from '../../lib/protocol';
import { followJobs, type JobFollower } from '../follow-job';
import type { SsoDeps, SsoState } from './store';

export function followRemovals(
  deps: SsoDeps,
  org: string,
  get: () => SsoState,
  set: (partial: Partial<SsoState>) => void,
): JobFollower {
  async function readOutcomes(jobId: string): Promise<JobItemView[] | null> {
    const items: JobItemView[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const reply: Reply<Output<'jobs.outcomes'>> = await deps.send('jobs.outcomes', { jobId, offset });
      if (!reply.ok) return null;
      items.push(...reply.data.items);
      offset = reply.data.next;
    }
    return items;
  }

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
        set({ outcomes: await readOutcomes(job.id) });
        await get().load(false);
      },
    },
    ['remove-authorization'],
  );
}
