// The one fetch every GitHub API call goes through (Octokit's `request.fetch`):
// - never to a URL off the API base's https origin (so a hostile Link cannot take the token);
// - every GET revalidated: `cache: 'no-cache'` makes the browser ask GitHub before reusing its
//   60 s `Cache-Control: private, max-age=60` copy, and PATrol's own ETag memo turns a 304 into
//   the unchanged 200 it stands for (Octokit would raise a 304 as an error);
// - started only as the request budget allows (budget.ts), timed until the answer's headers.
import { type BudgetGate, pointsOf } from './budget';
import { type EtagMemo, memoKey } from './etag-memo';
import { assertTrustedApiUrl } from './links';

export interface GitHubFetchOptions {
  baseUrl: string;
  gate: BudgetGate;
  memo: EtagMemo;
  fetch?: typeof fetch;
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

function rebuilt(status: number, statusText: string, body: string, headers: Headers, url: string): Response {
  const response = new Response(NULL_BODY.has(status) ? null : body, { status, statusText, headers });
  // Octokit reports response.url in its errors; a constructed Response has none.
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

export function githubFetch(options: GitHubFetchOptions): typeof fetch {
  const { baseUrl, gate, memo } = options;
  return async (input, init) => {
    const url = urlOf(input);
    assertTrustedApiUrl(url, baseUrl);
    const send = options.fetch ?? globalThis.fetch;
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    const key = method === 'GET' && memo.keeps ? await memoKey(headers.get('authorization'), url) : null;
    const kept = key ? memo.get(key) : undefined;
    if (kept && !headers.has('if-none-match')) headers.set('if-none-match', kept.etag);
    const ticket = await gate.acquire(pointsOf(method));
    let response: Response;
    try {
      response = await send(url, { ...init, headers, cache: 'no-cache' });
    } finally {
      // Timed to the answer's headers: GitHub has done its work by then, and the body's
      // transfer (or this worker being slow to read it) is not GitHub's CPU time.
      gate.release(ticket);
    }
    // Nothing to keep: the answer as it came. Reading and rebuilding it would copy every body
    // twice (a 300 kB page of 100 grants), which is most of the command line's peak memory.
    if (!memo.keeps) {
      if (!response.url) Object.defineProperty(response, 'url', { value: url });
      return response;
    }
    const body = await response.text();
    if (response.status === 304 && kept) {
      // Unchanged: the kept body, with this answer's headers (rate limit, date) on top.
      const merged = new Headers(kept.headers);
      for (const [name, value] of response.headers) merged.set(name, value);
      return rebuilt(200, 'OK', kept.body, merged, url);
    }
    const etag = response.headers.get('etag');
    if (key && response.status === 200 && etag) {
      memo.set(key, { etag, body, headers: [...response.headers] });
    } else if (key) memo.delete(key);
    return rebuilt(response.status, response.statusText, body, response.headers, url);
  };
}
