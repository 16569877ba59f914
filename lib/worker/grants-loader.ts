// Loading an org's grants from GitHub: one load at a time per org (a second ask joins the
// first), its progress pushed to the pages that follow the org, the result cached.
import { writeRepositories } from '../cache';
import { recordLoad } from '../changes';
import type { GitHubClient } from '../github/client';
import { listAllGrants } from '../github/grants';
import type { LoadedGrants, LoadProgress, ProgressEvent } from '../protocol';
import { toWire } from '../tokens';
import { writeGrants } from './grants-cache';

export interface GrantsLoader {
  load(org: string): Promise<LoadedGrants>;
  /** The progress of a load running now, if any. */
  progress(org: string): LoadProgress | undefined;
}

/** Progress events at most this often: a 500-page load must not flood the pages. */
const PUSH_EVERY_MS = 100;

export function createGrantsLoader(deps: {
  client: (org: string) => Promise<GitHubClient>;
  publish: (event: ProgressEvent) => void;
  now: () => number;
}): GrantsLoader {
  const loads = new Map<string, Promise<LoadedGrants>>();
  const progress = new Map<string, LoadProgress>();
  let lastPush = 0;

  function report(key: string, next: LoadProgress, force = false): void {
    const last = progress.get(key);
    progress.set(key, next);
    const due = force || !last || performance.now() - lastPush >= PUSH_EVERY_MS;
    if (due) {
      lastPush = performance.now();
      deps.publish({ type: 'load', progress: next });
    }
  }

  return {
    progress: (org) => progress.get(org.toLowerCase()),
    load(org) {
      const key = org.toLowerCase();
      const running = loads.get(key);
      if (running) return running;
      const load = (async () => {
        report(key, { org, loaded: 0, total: null, running: true }, true);
        try {
          const client = await deps.client(org);
          const tokens = await listAllGrants(client, org, ({ loaded, total }) =>
            report(key, { org, loaded, total, running: true }),
          );
          const loaded: LoadedGrants = { org, tokens: tokens.map(toWire), loadedAt: deps.now() };
          await writeGrants(loaded);
          // Repository lists describe the list they were fetched for: a token's owner may have
          // changed them since, so they are fetched again when next needed (and "what changed"
          // compares a list only once it is known for this load).
          await writeRepositories(org, {});
          // Every load is snapshotted; an org's first becomes its review baseline. Not awaited:
          // the list is the owner's wait, and readers of the baseline wait for it (changes.ts).
          // A failure must not cost the owner the list itself: "what changed" then waits a load.
          void recordLoad(loaded).catch((error) => console.warn('[PATrol] no snapshot of this load', error));
          return loaded;
        } finally {
          const last = progress.get(key);
          progress.delete(key);
          deps.publish({
            type: 'load',
            progress: { org, loaded: last?.loaded ?? 0, total: last?.total ?? null, running: false },
          });
          loads.delete(key);
        }
      })();
      loads.set(key, load);
      return load;
    },
  };
}
