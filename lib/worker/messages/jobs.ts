// Bulk jobs: start one (only from an extension page, after the owner confirmed there),
// follow it (small summaries; progress is also pushed, lib/worker/progress-hub.ts), read its
// outcomes a slice at a time, retry what failed.
import { z } from 'zod';
import { PatrolError } from '../../errors';
import { retryFailed } from '../../jobs/engine';
import { summaryOf } from '../../jobs/job';
import type { JobSummary } from '../../protocol';
import type { WorkerContext } from '../context';
import { readGrants } from '../grants-cache';
import { listJobs, readJob } from '../job-store';
import { actorOf } from '../log';
import { byGrantId, prepareJob } from '../prepare-job';
import { define } from '../registry';
import { id, jobId, MAX_JOB_IDS, offset, org } from './schemas';

/** Outcomes per `jobs.outcomes` reply: each is a name, a login and a reason, well under 1 MB. */
const OUTCOMES_CHUNK = 1_000;

const sameOrg = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The newest job of an org (or of any org), as its small summary. */
export async function latestSummary(forOrg: string | null): Promise<JobSummary | null> {
  const headers = (await listJobs()).filter((header) => forOrg === null || sameOrg(header.org, forOrg));
  const newest = headers.at(-1);
  if (!newest) return null;
  const job = await readJob(newest.id);
  return job ? summaryOf(job) : null;
}

export function jobMessages({ credentials, runner, now }: WorkerContext) {
  return {
    'jobs.start': define('jobs.start', {
      input: z.strictObject({ kind: z.enum(['revoke']), org, ids: z.array(id).min(1).max(MAX_JOB_IDS) }),
      senders: ['page'],
      action: 'revoke tokens',
      handler: async ({ kind, org, ids }) => {
        const job = await prepareJob(
          { kind, org, ids },
          async () => byGrantId((await readGrants(org))?.tokens),
          {
            actor: () => actorOf(credentials),
            now,
          },
        );
        await runner.start(job);
        return summaryOf(job);
      },
    }),
    'jobs.latest': define('jobs.latest', {
      input: z.strictObject({ org: org.nullable() }),
      senders: ['page'],
      handler: async ({ org }) => {
        // A page asking about a job also wakes it, should the worker have missed its alarm.
        void runner.resumeAll();
        return latestSummary(org);
      },
    }),
    'jobs.outcomes': define('jobs.outcomes', {
      input: z.strictObject({ jobId, offset }),
      senders: ['page'],
      handler: async ({ jobId, offset }) => {
        await credentials.requireConfigured(); // token names, like any cached inventory
        const job = await readJob(jobId);
        if (!job) throw new PatrolError('not_found', 'That job is no longer known.');
        const open = job.items.filter((item) => item.state !== 'done');
        const end = offset + OUTCOMES_CHUNK;
        return {
          jobId,
          items: open.slice(offset, end).map(({ id, name, owner, state, reason }) => ({
            id,
            name,
            owner,
            state,
            ...(reason ? { reason } : {}),
          })),
          next: end < open.length ? end : null,
        };
      },
    }),
    'jobs.retryFailed': define('jobs.retryFailed', {
      input: z.strictObject({ jobId }),
      senders: ['page'],
      action: 'revoke tokens',
      handler: async ({ jobId }) => {
        // A run that is ending still saves its final state: let it, then retry on top of it.
        await runner.settled(jobId);
        const job = await readJob(jobId);
        if (!job) throw new PatrolError('not_found', 'That job is no longer known.');
        if (job.phase !== 'done') return summaryOf(job);
        const retried = retryFailed(job);
        await runner.start(retried);
        return summaryOf(retried);
      },
    }),
  };
}
