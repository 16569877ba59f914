// Which of a job's grants GitHub still lists, asked by token_id[] (50 a request): cheaper
// than reloading a big org. Shared by the worker's verification and the command line.
import type { JobItem } from '../jobs/job';
import type { GitHubClient } from './client';
import { batches, listAllGrants } from './grants';

export const TOKEN_IDS_PER_REQUEST = 50;

/** Requests a check by token id costs, or null when an item's token id is unknown. */
export function tokenIdRequests(items: readonly JobItem[]): number | null {
  return items.every((item) => item.tokenId !== null)
    ? Math.ceil(items.length / TOKEN_IDS_PER_REQUEST)
    : null;
}

/**
 * The grant ids of `items` still listed; null when the server ignored the filter (GHES before
 * 3.13 returns the whole list), so the caller reloads the org instead.
 */
export async function stillListedByTokenId(
  client: GitHubClient,
  org: string,
  items: readonly JobItem[],
): Promise<Set<number> | null> {
  const live = new Set<number>();
  for (const chunk of batches(
    items.map((item) => item.tokenId as number),
    TOKEN_IDS_PER_REQUEST,
  )) {
    const wanted = new Set(chunk);
    const listed = await listAllGrants(client, org, undefined, { tokenIds: chunk });
    if (listed.some((token) => token.tokenId === null || !wanted.has(token.tokenId))) return null;
    for (const token of listed) live.add(token.grantId);
  }
  return live;
}
