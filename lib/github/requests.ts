// The org's pending fine-grained PAT requests: list them (every page, following GitHub's Link
// header verbatim but only on the API's own origin), review a batch of at most 100 with one
// reason (GitHub answers 202 and applies it later), review one (204), and a request's
// repositories. Pages are read one after another: GitHub asks for serial requests, and the
// pending list of even a busy org is a few pages.
import { MAX_REVIEW_REASON, normaliseRequest, reasonLength, type TokenRequest } from '../token-requests';
import type { GitHubClient } from './client';
import { type ListProgress, lastPageOf, PAGE_SIZE } from './grants';
import { assertTrustedApiUrl, linkUrl } from './links';

export const MAX_REVIEW_BATCH = 100;
export type ReviewAction = 'approve' | 'deny';

type PageData = { data: unknown; headers: { link?: string } };

function apiBaseOf(client: GitHubClient): string {
  const endpoint = (client.request as { endpoint?: { DEFAULTS?: { baseUrl?: string } } }).endpoint;
  return endpoint?.DEFAULTS?.baseUrl ?? 'https://api.github.com';
}

function nextLink(link: string | undefined, base: string): string | null {
  const next = linkUrl(link, 'next');
  if (next !== null) assertTrustedApiUrl(next, base);
  return next;
}

/** Every page of a paginated list, as raw rows, one request at a time. */
async function allPages(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  onPage?: (loaded: number, total: number | null) => void,
): Promise<unknown[]> {
  const base = apiBaseOf(client);
  const first = (await client.request(route, { ...params, per_page: PAGE_SIZE })) as PageData;
  const rows = [...(first.data as unknown[])];
  const last = lastPageOf(first.headers.link);
  const total = () => (last === null ? null : Math.max(last * PAGE_SIZE, rows.length));
  onPage?.(rows.length, total());
  let url = nextLink(first.headers.link, base);
  while (url) {
    const page = (await client.request({ method: 'GET', url })) as PageData;
    rows.push(...(page.data as unknown[]));
    onPage?.(rows.length, total());
    url = nextLink(page.headers.link, base);
  }
  return rows;
}

export async function listAllRequests(
  client: GitHubClient,
  org: string,
  onProgress?: (progress: ListProgress) => void,
): Promise<TokenRequest[]> {
  const rows = await allPages(
    client,
    'GET /orgs/{org}/personal-access-token-requests',
    { org },
    (loaded, total) => onProgress?.({ loaded, total }),
  );
  // A request made while we read shifts later pages by one: keep each request once.
  const seen = new Set<number>();
  const requests: TokenRequest[] = [];
  for (const raw of rows) {
    const request = normaliseRequest(raw);
    if (seen.has(request.grantId)) continue;
    seen.add(request.grantId);
    requests.push(request);
  }
  onProgress?.({ loaded: requests.length, total: requests.length });
  return requests;
}

function checkReason(reason: string | null): void {
  if (reason !== null && reasonLength(reason) > MAX_REVIEW_REASON) {
    throw new RangeError(`GitHub accepts a reason of at most ${MAX_REVIEW_REASON} characters`);
  }
}

/** Approves or denies at most 100 requests with one reason; GitHub answers 202, applies later. */
export async function reviewRequestBatch(
  client: GitHubClient,
  org: string,
  requestIds: readonly number[],
  action: ReviewAction,
  reason: string | null,
): Promise<void> {
  if (requestIds.length === 0 || requestIds.length > MAX_REVIEW_BATCH) {
    throw new RangeError(`A review takes 1 to ${MAX_REVIEW_BATCH} request ids, not ${requestIds.length}`);
  }
  checkReason(reason);
  await client.request('POST /orgs/{org}/personal-access-token-requests', {
    org,
    action,
    pat_request_ids: [...requestIds],
    ...(reason === null || reason === '' ? {} : { reason }),
  });
}

/** Approves or denies one request (204). */
export async function reviewRequest(
  client: GitHubClient,
  org: string,
  requestId: number,
  action: ReviewAction,
  reason: string | null,
): Promise<void> {
  checkReason(reason);
  await client.request('POST /orgs/{org}/personal-access-token-requests/{pat_request_id}', {
    org,
    pat_request_id: requestId,
    action,
    ...(reason === null || reason === '' ? {} : { reason }),
  });
}

/** The full names of the repositories a request asks for (empty unless its selection is subset). */
export async function listRequestRepositories(
  client: GitHubClient,
  org: string,
  requestId: number,
): Promise<string[]> {
  const rows = await allPages(
    client,
    'GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories',
    {
      org,
      pat_request_id: requestId,
    },
  );
  return (rows as { full_name: string }[]).map((repo) => repo.full_name);
}
