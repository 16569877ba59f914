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

/** The URL of a rel in a Link header (GitHub's absolute URLs, used verbatim). */
export function linkUrl(link: string | undefined, rel: string): string | null {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([a-z]+)"?/.exec(part);
    if (match?.[2] === rel && match[1]) return match[1];
  }
  return null;
}

/**
 * Pages fetched at once once rel="last" is known, and how many may start in any minute.
 * GitHub asks integrators to keep concurrency low and counts 900 points a minute per REST
 * endpoint (a GET is one point): 4 at a time, and at most 800 starts a minute, stay inside
 * both with room for the panel's other calls.
 */
export const PAGE_CONCURRENCY = 4;
export const PAGES_PER_MINUTE = 800;

type PageData = { data: unknown; headers: { link?: string } };

export async function listAllGrants(
  client: GitHubClient,
  org: string,
  onProgress?: (progress: ListProgress) => void,
  filters?: GrantFilters,
): Promise<Token[]> {
  const query = grantQuery(filters);
  const route = `GET /orgs/{org}/personal-access-tokens${query ? `?${query}` : ''}`;
  const first = (await client.request(route, { org, per_page: PAGE_SIZE })) as PageData;
  const pages: unknown[][] = [first.data as unknown[]];
  let loaded = pages[0]?.length ?? 0;
  const lastPage = lastPageOf(first.headers.link);
  const next = linkUrl(first.headers.link, 'next');
  onProgress?.({ loaded, total: lastPage !== null ? lastPage * PAGE_SIZE : loaded });

  if (next && lastPage !== null && lastPage > 1) {
    // Every page URL is GitHub's own next link with its page number changed.
    const urlOf = (page: number) => {
      const url = new URL(next);
      url.searchParams.set('page', String(page));
      return url.href;
    };
    let nextPage = 2;
    const starts: number[] = [];
    const worker = async () => {
      while (nextPage <= lastPage) {
        const page = nextPage++;
        // A sliding minute: past the per-minute budget, wait for the oldest start to age out.
        while (starts.length > 0 && (starts[0] ?? 0) <= Date.now() - 60_000) starts.shift();
        if (starts.length >= PAGES_PER_MINUTE) {
          await new Promise((resolve) => setTimeout(resolve, (starts[0] ?? 0) + 60_000 - Date.now()));
          starts.shift();
        }
        starts.push(Date.now());
        const response = (await client.request({ method: 'GET', url: urlOf(page) })) as PageData;
        pages[page - 1] = response.data as unknown[];
        loaded += pages[page - 1]?.length ?? 0;
        onProgress?.({ loaded, total: Math.max(lastPage * PAGE_SIZE, loaded) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PAGE_CONCURRENCY, lastPage - 1) }, worker));
  } else {
    // No rel="last" (some servers omit it): follow rel="next" one page at a time.
    let url = next;
    while (url) {
      const response = (await client.request({ method: 'GET', url })) as PageData;
      pages.push(response.data as unknown[]);
      loaded += (response.data as unknown[]).length;
      onProgress?.({ loaded, total: null });
      url = linkUrl(response.headers.link, 'next');
    }
  }
  // Grants created while we read shift later pages by one: keep each grant once.
  const seen = new Set<number>();
  const tokens: Token[] = [];
  for (const page of pages) {
    for (const raw of page ?? []) {
      const token = normaliseGrant(raw);
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
