// Which grants GitHub still lists, for a job's verification rounds. Asking by token_id[] (50 a
// request) is cheaper than reloading a big org; the org is reloaded whole when that is
// cheaper, when a token id is unknown, or when the server ignores the filter (GHES < 3.13).
import type { GitHubClient } from '../github/client';
import { stillListedByTokenId, tokenIdRequests } from '../github/still-listed';
import type { JobItem } from '../jobs/job';
import type { LoadedGrants } from '../protocol';
import { readGrants, writeGrants } from './grants-cache';

export function createVerifier(deps: {
  client: (org: string) => Promise<GitHubClient>;
  reload: (org: string) => Promise<LoadedGrants>;
}) {
  /** The ids of `candidates` (grant ids) that GitHub still lists; others may be absent from the set. */
  return async function stillListed(org: string, candidates: readonly JobItem[]): Promise<Set<number>> {
    const cached = await readGrants(org);
    const total = cached?.tokens.length ?? Number.POSITIVE_INFINITY;
    const requests = tokenIdRequests(candidates);
    if (cached && requests !== null && requests < Math.ceil(total / 100)) {
      const live = await stillListedByTokenId(await deps.client(org), org, candidates);
      if (live !== null) {
        const gone = new Set(candidates.filter((item) => !live.has(item.id)).map((item) => item.id));
        // Keep the cache true for the panel and popup without reloading the whole org.
        if (gone.size > 0) {
          await writeGrants({ ...cached, tokens: cached.tokens.filter((token) => !gone.has(token.grantId)) });
        }
        return live;
      }
    }
    const loaded = await deps.reload(org);
    return new Set(loaded.tokens.map((token) => token.grantId));
  };
}
