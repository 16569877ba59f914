// Pending token requests: load an org's (cached or from GitHub), read the cached list in
// chunks, fetch what repositories requests ask for, and start a review (approve or deny) as a
// job of the shared engine, only from an extension page after the owner confirmed there.
import { z } from 'zod';
import { PatrolError } from '../../errors';
import { listRequestRepositories } from '../../github/requests';
import { summaryOf } from '../../jobs/job';
import type { LoadedRequests, RequestsMeta } from '../../protocol';
import { MAX_REVIEW_REASON, reasonLength } from '../../token-requests';
import type { WorkerContext } from '../context';
import { actorOf } from '../log';
import { byGrantId, prepareJob } from '../prepare-job';
import { define } from '../registry';
import { withRequestsAdvice } from '../requests-errors';
import { id, MAX_JOB_IDS, offset, org } from './schemas';

/** Requests per `requests.read` reply: each is a token plus a reason of ≤ 1 kB. */
export const REQUESTS_CHUNK = 500;
const REPOSITORY_IDS = 100;

const metaOf = ({ org, loadedAt, requests }: LoadedRequests): RequestsMeta => ({
  org,
  loadedAt,
  count: requests.length,
});

async function advised<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw withRequestsAdvice(error);
  }
}

export function requestMessages({ credentials, requests, runner, now }: WorkerContext) {
  return {
    'requests.load': define('requests.load', {
      input: z.strictObject({ org, refresh: z.boolean() }),
      senders: ['page'],
      action: 'list token requests',
      handler: async ({ org, refresh }) => {
        await credentials.requireConfigured();
        const cached = refresh ? undefined : await requests.cached(org);
        return metaOf(cached ?? (await advised(() => requests.load(org))));
      },
    }),
    'requests.read': define('requests.read', {
      input: z.strictObject({ org, loadedAt: z.number(), offset }),
      senders: ['page'],
      handler: async ({ org, loadedAt, offset }) => {
        await credentials.requireConfigured();
        const cached = await requests.cached(org);
        if (!cached || cached.loadedAt !== loadedAt) {
          throw new PatrolError(
            'not_found',
            `The requests of ${org} changed while they were read. Reload them.`,
          );
        }
        const end = offset + REQUESTS_CHUNK;
        return {
          org: cached.org,
          loadedAt,
          requests: cached.requests.slice(offset, end),
          next: end < cached.requests.length ? end : null,
        };
      },
    }),
    'requests.repositories': define('requests.repositories', {
      input: z.strictObject({ org, requestIds: z.array(id).min(1).max(REPOSITORY_IDS) }),
      senders: ['page'],
      action: "list a request's repositories",
      handler: async ({ org, requestIds }) => {
        await credentials.requireConfigured();
        const client = await credentials.clientFor(org);
        const found: Record<string, string[]> = {};
        let next = 0;
        const fetchNext = async (): Promise<void> => {
          while (next < requestIds.length) {
            const requestId = requestIds[next++] as number;
            found[String(requestId)] = await listRequestRepositories(client, org, requestId);
          }
        };
        await advised(() => Promise.all(Array.from({ length: Math.min(4, requestIds.length) }, fetchNext)));
        return found;
      },
    }),
    'requests.review': define('requests.review', {
      input: z.strictObject({
        kind: z.enum(['approve', 'deny']),
        org,
        ids: z.array(id).min(1).max(MAX_JOB_IDS),
        reason: z
          .string()
          .max(MAX_REVIEW_REASON * 2)
          .refine((text) => reasonLength(text) <= MAX_REVIEW_REASON, {
            message: `at most ${MAX_REVIEW_REASON} characters`,
          }),
      }),
      senders: ['page'],
      action: 'review token requests',
      handler: async ({ kind, org, ids, reason }) => {
        const job = await prepareJob(
          { kind, org, ids, note: reason },
          async () => byGrantId((await requests.cached(org))?.requests),
          { actor: () => actorOf(credentials), now },
        );
        await runner.start(job);
        return summaryOf(job);
      },
    }),
  };
}
