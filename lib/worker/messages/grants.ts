// Grants: load an org (cached or from GitHub), read a cached list in chunks, fetch repository
// lists, and the cached orgs. A list never crosses in one message: 50,000 grants are 28 MB
// of JSON, and Chrome refuses messages over 64 MiB.
import { z } from 'zod';
import * as cache from '../../cache';
import { PatrolError } from '../../errors';
import { listGrantRepositories } from '../../github/grants';
import type { GrantsMeta, LoadedGrants } from '../../protocol';
import type { WorkerContext } from '../context';
import { dropOrg, readGrants } from '../grants-cache';
import { define } from '../registry';
import { empty, id, offset, org } from './schemas';

/** Tokens per `grants.read` reply: about 600 kB of JSON at most, under the 1 MB budget. */
export const GRANTS_CHUNK = 1_000;
/** Repository lists per `grants.repositories` request (each is a GitHub request). */
const REPOSITORY_IDS = 100;

const metaOf = ({ org, loadedAt, tokens }: LoadedGrants): GrantsMeta => ({
  org,
  loadedAt,
  count: tokens.length,
});

export function grantsMessages({ credentials, loader }: WorkerContext) {
  return {
    'grants.load': define('grants.load', {
      input: z.strictObject({ org, refresh: z.boolean() }),
      senders: ['page'],
      action: 'list tokens',
      handler: async ({ org, refresh }) => {
        // A cache is served only while a credential is configured (sign-out wipes it too).
        await credentials.requireConfigured();
        const cached = refresh ? undefined : await readGrants(org);
        return metaOf(cached ?? (await loader.load(org)));
      },
    }),
    'grants.read': define('grants.read', {
      input: z.strictObject({ org, loadedAt: z.number(), offset }),
      senders: ['page'],
      handler: async ({ org, loadedAt, offset }) => {
        await credentials.requireConfigured();
        const cached = await readGrants(org);
        if (!cached || cached.loadedAt !== loadedAt) {
          throw new PatrolError('not_found', `The list of ${org} changed while it was read. Reload it.`);
        }
        const end = offset + GRANTS_CHUNK;
        return {
          org: cached.org,
          loadedAt,
          tokens: cached.tokens.slice(offset, end),
          next: end < cached.tokens.length ? end : null,
        };
      },
    }),
    'grants.repositories': define('grants.repositories', {
      input: z.strictObject({ org, grantIds: z.array(id).min(1).max(REPOSITORY_IDS) }),
      senders: ['page'],
      action: "list a token's repositories",
      handler: async ({ org, grantIds }) => {
        await credentials.requireConfigured();
        const known = await cache.readRepositories(org);
        const wanted = grantIds.filter((grantId) => !known[grantId]);
        if (wanted.length > 0) {
          const client = await credentials.clientFor(org);
          // A steady 4 in flight (GitHub asks integrators to keep concurrency low), and one
          // cache write for the whole message rather than one per request.
          let next = 0;
          const fetchNext = async (): Promise<void> => {
            while (next < wanted.length) {
              const grantId = wanted[next++] as number;
              known[grantId] = await listGrantRepositories(client, org, grantId);
            }
          };
          try {
            await Promise.all(Array.from({ length: Math.min(4, wanted.length) }, fetchNext));
          } finally {
            await cache.writeRepositories(org, known); // keep what arrived, even after an error
          }
        }
        return Object.fromEntries(grantIds.map((grantId) => [String(grantId), known[grantId] ?? []]));
      },
    }),
    'orgs.list': define('orgs.list', {
      input: empty,
      senders: ['page'],
      handler: async () => {
        await credentials.requireConfigured();
        return cache.listOrgs();
      },
    }),
    'orgs.remove': define('orgs.remove', {
      input: z.strictObject({ org }),
      senders: ['page'],
      handler: async ({ org }) => {
        await dropOrg(org);
        return cache.listOrgs();
      },
    }),
  };
}
