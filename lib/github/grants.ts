// The org PAT grant endpoints. Pages follow GitHub's Link header verbatim (its URLs may use
// /organizations/{id}/… rather than the path we asked for), and array filters are built
// by hand as owner[]=a&owner[]=b, because Octokit joins arrays with commas
// (octokit/endpoint.js#533) and GitHub then ignores them.
import { normaliseGrant, type Token } from '../tokens';
import type { GitHubClient } from './client';

export const PAGE_SIZE = 100;
export const MAX_REVOKE_BATCH = 100;

export interface GrantFilters {
  owners?: readonly string[];
  tokenIds?: readonly number[];
}

/** Builds the query string for array filters the way GitHub expects them. */
export function grantQuery(filters: GrantFilters = {}): string {
  const parts: string[] = [];
  const owners = filters.owners ?? [];
  const tokenIds = filters.tokenIds ?? [];
  if (owners.length > 10) throw new RangeError('GitHub accepts at most 10 owners per request');
  if (tokenIds.length > 50) throw new RangeError('GitHub accepts at most 50 token ids per request');
  for (const owner of owners) parts.push(`owner[]=${encodeURIComponent(owner)}`);
  for (const id of tokenIds) parts.push(`token_id[]=${encodeURIComponent(String(id))}`);
  return parts.join('&');
}

/** The page number of rel="last" in a Link header, when GitHub sends one. */
export function lastPageOf(link: string | undefined): number | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?last"?/.exec(part);
    if (match?.[1]) {
      const page = new URL(match[1]).searchParams.get('page');
      return page ? Number(page) : null;
    }
  }
  return null;
}

export interface ListProgress {
  loaded: number;
  /** Estimated from the last page number; exact once the last page arrives. */
  total: number | null;
}

export async function listAllGrants(
  client: GitHubClient,
  org: string,
  onProgress?: (progress: ListProgress) => void,
  filters?: GrantFilters,
): Promise<Token[]> {
  const query = grantQuery(filters);
  const route = `GET /orgs/{org}/personal-access-tokens${query ? `?${query}` : ''}`;
  const tokens: Token[] = [];
  let total: number | null = null;
  for await (const page of client.paginate.iterator(route, { org, per_page: PAGE_SIZE })) {
    for (const raw of page.data as unknown[]) tokens.push(normaliseGrant(raw));
    const lastPage = lastPageOf(page.headers.link);
    if (lastPage !== null) total = lastPage * PAGE_SIZE;
    else total = tokens.length; // No rel="last": this was the last page.
    onProgress?.({ loaded: tokens.length, total: Math.max(total, tokens.length) });
  }
  return tokens;
}

export async function listGrantRepositories(
  client: GitHubClient,
  org: string,
  grantId: number,
): Promise<string[]> {
  const repos = await client.paginate('GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories', {
    org,
    pat_id: grantId,
    per_page: PAGE_SIZE,
  });
  return (repos as { full_name: string }[]).map((repo) => repo.full_name);
}

/** Splits ids into GitHub's largest accepted bulk size. */
export function batches<T>(ids: readonly T[], size = MAX_REVOKE_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** Queues the revocation of at most 100 grants. GitHub answers 202 and applies it later. */
export async function revokeGrantBatch(
  client: GitHubClient,
  org: string,
  grantIds: readonly number[],
): Promise<void> {
  if (grantIds.length === 0 || grantIds.length > MAX_REVOKE_BATCH) {
    throw new RangeError(`A revoke request takes 1 to ${MAX_REVOKE_BATCH} ids, not ${grantIds.length}`);
  }
  await client.request('POST /orgs/{org}/personal-access-tokens', {
    org,
    action: 'revoke',
    pat_ids: [...grantIds],
  });
}

/** Revokes one grant (204); used to learn the reason when a batch is refused. */
export async function revokeGrant(client: GitHubClient, org: string, grantId: number): Promise<void> {
  await client.request('POST /orgs/{org}/personal-access-tokens/{pat_id}', {
    org,
    pat_id: grantId,
    action: 'revoke',
  });
}
