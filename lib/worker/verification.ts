// Which grants GitHub still lists, for a job's verification rounds. Asking by token_id[] (50 a
// request) is cheaper than reloading a big org; the org is reloaded whole when that is
// cheaper, when a token id is unknown, or when the server ignores the filter (GHES < 3.13).
import type { GitHubClient } from '../github/client';
import { batches, listAllGrants } from '../github/grants';
import type { JobItem } from '../jobs/job';
import type { LoadedGrants } from '../protocol';
import { readGrants, writeGrants } from './grants-cache';

const TOKEN_IDS_PER_REQUEST = 50;

export function createVerifier(deps: {
  client: (org: string) => Promise<GitHubClient>;
  reload: (org: string) => Promise<LoadedGrants>;
}) {
  /** The ids of `candidates` (grant ids) that GitHub still lists; others may be absent from the set. */
  return async function stillListed(org: string, candidates: readonly JobItem[]): Promise<Set<number>> {
    const cached = await readGrants(org);
    const tokenIds = candidates.map((item) => item.tokenId);
    const total = cached?.tokens.length ?? Number.POSITIVE_INFINITY;
    const byFilter = Math.ceil(tokenIds.length / TOKEN_IDS_PER_REQUEST) < Math.ceil(total / 100);
    if (cached && byFilter && tokenIds.every((id) => id !== null)) {
      const client = await deps.client(org);
      const live = new Set<number>();
      let filterHonoured = true;
      for (const chunk of batches(tokenIds as number[], TOKEN_IDS_PER_REQUEST)) {
        const wanted = new Set(chunk);
        const listed = await listAllGrants(client, org, undefined, { tokenIds: chunk });
        if (listed.some((token) => token.tokenId === null || !wanted.has(token.tokenId)))
          filterHonoured = false;
        for (const token of listed) live.add(token.grantId);
      }
      if (filterHonoured) {
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
