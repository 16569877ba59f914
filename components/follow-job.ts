// The one "follow a job" helper of the panel and the popup: the worker pushes each job's
// summary as it changes (and the newest one when the page connects); this passes on the
// ones that concern the page and says when a job seen unfinished here has finished.
import type { Watch } from '../lib/progress';
import type { Input, JobItemView, JobKind, JobOutcomes, JobSummary, Reply } from '../lib/protocol';

export interface FollowCallbacks {
  onJob: (job: JobSummary) => void;
  /** A job seen unfinished here has finished: its outcomes can be read, the cache is current. */
  onFinished: (job: JobSummary) => void;
}

export interface JobFollower {
  /** A job this page started: its end is reported even if its first push already says done. */
  expect(job: JobSummary): void;
  stop(): void;
}

/**
 * Follows the jobs of `org` (null: every org) of the given kinds: each surface names its own
 * (the Active tokens panel revocations, the requests panel reviews, the SSO tab removals).
 */
export function followJobs(
  watch: Watch,
  org: string | null,
  callbacks: FollowCallbacks,
  kinds: readonly JobKind[],
): JobFollower {
  const wanted = (kind: JobKind) => kinds.includes(kind);
  const unfinished = new Set<string>();
  const finished = new Set<string>();
  const seen = (job: JobSummary) => {
    if (job.phase !== 'done') {
      // Running again (a retry of its failed items): its next end is reported too.
      unfinished.add(job.id);
      finished.delete(job.id);
      return;
    }
    if (unfinished.delete(job.id) && !finished.has(job.id)) {
      finished.add(job.id);
      callbacks.onFinished(job);
    }
  };
  const stop = watch(org, (event) => {
    if (event.type !== 'job' || !wanted(event.job.kind)) return;
    callbacks.onJob(event.job);
    seen(event.job);
  });
  return {
    expect(job) {
      if (job.phase !== 'done' || !finished.has(job.id)) unfinished.add(job.id);
      seen(job);
    },
    stop,
  };
}

type SendOutcomes = (type: 'jobs.outcomes', input: Input<'jobs.outcomes'>) => Promise<Reply<JobOutcomes>>;

/** The items of a finished job that did not end as wanted, read a slice at a time. */
export async function readJobOutcomes(send: SendOutcomes, jobId: string): Promise<Reply<JobItemView[]>> {
  const items: JobItemView[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const reply = await send('jobs.outcomes', { jobId, offset });
    if (!reply.ok) return reply;
    items.push(...reply.data.items);
    offset = reply.data.next;
  }
  return { ok: true, data: items };
}
