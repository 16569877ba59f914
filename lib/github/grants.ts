// The org PAT grant endpoints. Pages follow GitHub's Link header verbatim (its URLs may use
// /organizations/{id}/… rather than the path we asked for) but only to https on the API's own
// origin (links.ts), and array filters are built
// by hand as owner[]=a&owner[]=b, because Octokit joins arrays with commas
// (octokit/endpoint.js#533) and GitHub then ignores them.

import { normaliseGrant, type Token } from '../tokens';
import type { GitHubClient } from './client';
import { readJsonArray } from './json-array';
import { assertTrustedApiUrl, linkUrl } from './links';

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
      let page: number;
      try {
        page = Number(new URL(match[1]).searchParams.get('page'));
      } catch {
        return null;
      }
      return Number.isSafeInteger(page) && page >= 1 ? page : null;
    }
  }
  return null;
}

export interface ListProgress {
  loaded: number;
  /** Estimated from the last page number; exact once the last page arrives. */
  total: number | null;
}

/** At most this many pages in flight; the request budget (budget.ts) decides when each starts. */
export const PAGE_CONCURRENCY = 4;

type PageData = { data: unknown; headers: { link?: string } };
// Pages come as the body's stream and are parsed element by element (json-array.ts): one
// 300-600 kB string per page was most of the command line's peak memory.
const RAW = { parseSuccessResponseBody: false };

/** The client's API base URL, which every followed link must share an origin with. */
function apiBaseOf(client: GitHubClient): string {
  const endpoint = (client.request as { endpoint?: { DEFAULTS?: { baseUrl?: string } } }).endpoint;
  return endpoint?.DEFAULTS?.baseUrl ?? 'https://api.github.com';
}

/** rel="next" of a page, refused unless it is https on the API's origin. */
function nextLink(link: string | undefined, base: string): string | null {
  const next = linkUrl(link, 'next');
  if (next !== null) assertTrustedApiUrl(next, base);
  return next;
}

export async function listAllGrants(
  client: GitHubClient,
  org: string,
  onProgress?: (progress: ListProgress) => void,
  filters?: GrantFilters,
): Promise<Token[]> {
  const base = apiBaseOf(client);
  const query = grantQuery(filters);
  const route = `GET /orgs/{org}/personal-access-tokens${query ? `?${query}` : ''}`;
  const first = (await client.request(route, { org, per_page: PAGE_SIZE, request: RAW })) as PageData;
  // Each page is normalised as it arrives, so GitHub's raw JSON of 50,000 grants is never all
  // alive at once beside the tokens made from it (the command line's peak memory).
  const pages: Token[][] = [(await readJsonArray(first.data)).map(normaliseGrant)];
  let loaded = pages[0]?.length ?? 0;
  const lastPage = lastPageOf(first.headers.link);
  const next = nextLink(first.headers.link, base);
  onProgress?.({ loaded, total: lastPage !== null ? lastPage * PAGE_SIZE : loaded });

  if (next && lastPage !== null && lastPage > 1) {
    // Pages side by side, each URL GitHub's own next link with its page number changed. GitHub
    // asks for serial requests; PATrol deviates only inside the documented limits, which the
    // client's budget enforces for every request it sends.
    const urlOf = (page: number) => {
      const url = new URL(next);
      url.searchParams.set('page', String(page));
      return url.href;
    };
    let nextPage = 2;
    let end = lastPage; // lowered when a short page shows where the list really ends
    const worker = async () => {
      while (nextPage <= end) {
        const page = nextPage++;
        const response = (await client.request({
          method: 'GET',
          url: urlOf(page),
          request: RAW,
        })) as PageData;
        const rows = await readJsonArray(response.data);
        pages[page - 1] = rows.map(normaliseGrant);
        if (rows.length < PAGE_SIZE) end = Math.min(end, page);
        loaded += rows.length;
        onProgress?.({ loaded, total: Math.max(lastPage * PAGE_SIZE, loaded) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PAGE_CONCURRENCY, lastPage - 1) }, worker));
  } else {
    // No rel="last" (some servers omit it): follow rel="next" one page at a time.
    let url = next;
    while (url) {
      const response = (await client.request({ method: 'GET', url, request: RAW })) as PageData;
      const rows = await readJsonArray(response.data);
      pages.push(rows.map(normaliseGrant));
      loaded += rows.length;
      onProgress?.({ loaded, total: null });
      url = nextLink(response.headers.link, base);
    }
  }
  // Grants created while we read shift later pages by one: keep each grant once.
  const seen = new Set<number>();
  const tokens: Token[] = [];
  for (const page of pages) {
    for (const token of page ?? []) {
      if (!seen.has(token.grantId)) {
        seen.add(token.grantId);
        tokens.push(token);
      }
    }
  }
  onProgress?.({ loaded: tokens.length, total: tokens.length });
  return tokens;
}

export async function listGrantRepositories(
  client: GitHubClient,
  org: string,
  grantId: number,
): Promise<string[]> {
  const base = apiBaseOf(client);
  const first = (await client.request('GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories', {
    org,
    pat_id: grantId,
    per_page: PAGE_SIZE,
  })) as PageData;
  const repos = [...(first.data as { full_name: string }[])];
  let url = nextLink(first.headers.link, base);
  while (url) {
    const response = (await client.request({ method: 'GET', url })) as PageData;
    repos.push(...(response.data as { full_name: string }[]));
    url = nextLink(response.headers.link, base);
  }
  return repos.map((repo) => repo.full_name);
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
