// Loading an org's pending token requests: one load at a time per org (a second ask joins the
// first), the result cached in IndexedDB (lib/requests-cache.ts; read from there each time, so
// a sign-out's wipe leaves nothing behind in memory). The lists are
// small (a few pages), so no progress is pushed: the panel shows an indeterminate bar.
import type { GitHubClient } from '../github/client';
import { listAllRequests } from '../github/requests';
import type { LoadedRequests } from '../protocol';
import * as store from '../requests-cache';
import { requestToWire } from '../token-requests';

export interface RequestsLoader {
  load(org: string): Promise<LoadedRequests>;
  /** The cached list, if any. */
  cached(org: string): Promise<LoadedRequests | undefined>;
}

export function createRequestsLoader(deps: {
  client: (org: string) => Promise<GitHubClient>;
  now: () => number;
}): RequestsLoader {
  const loads = new Map<string, Promise<LoadedRequests>>();
  const keyOf = (org: string) => org.toLowerCase();

  return {
    cached: (org) => store.readRequests(org),
    load(org) {
      const key = keyOf(org);
      const running = loads.get(key);
      if (running) return running;
      const load = (async () => {
        try {
          const requests = await listAllRequests(await deps.client(org), org);
          const loaded: LoadedRequests = { org, requests: requests.map(requestToWire), loadedAt: deps.now() };
          await store.writeRequests(loaded);
          return loaded;
        } finally {
          loads.delete(key);
        }
      })();
      loads.set(key, load);
      return load;
    },
  };
}
