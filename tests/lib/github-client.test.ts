// @vitest-environment node
// The worker's Octokit against a scripted fetch: revalidation and 304s, 429s, hostile URLs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BudgetGate, RequestBudget } from '../../lib/github/budget';
import { createClient } from '../../lib/github/client';
import { describeGitHubError } from '../../lib/github/errors';
import { EtagMemo } from '../../lib/github/etag-memo';
import { listAllGrants, listGrantRepositories } from '../../lib/github/grants';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
interface Sent {
  url: string;
  init: RequestInit;
  at: number;
}

/** A fetch that answers from a script and records what was sent, and when. */
function scripted(answer: (url: string, init: RequestInit, n: number) => Answer) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    sent.push({ url, init, at: Date.now() });
    const a = answer(url, init, sent.length);
    const body = a.body === undefined || a.status === 304 ? null : JSON.stringify(a.body);
    return new Response(body, {
      status: a.status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...a.headers },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

const header = (s: Sent | undefined, name: string) => new Headers(s?.init.headers).get(name);

function client(fetch: typeof globalThis.fetch, token = 'ghs_one', baseUrl = 'https://api.github.com') {
  return createClient({
    baseUrl,
    auth: token,
    fetch,
    gate: new BudgetGate(new RequestBudget()),
    memo: new EtagMemo(),
    retryAfterBaseValue: 1000,
  });
}

const grant = (id: number) => ({
  id,
  owner: { login: `u${id}`, id },
  repository_selection: 'all',
  permissions: {},
  access_granted_at: '2025-01-01T00:00:00Z',
  token_id: id * 10,
  token_name: `t${id}`,
  token_expired: false,
  token_expires_at: null,
  token_last_used_at: null,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('every read revalidates', () => {
  it("asks the browser to revalidate its cached copy (cache: 'no-cache')", async () => {
    const api = scripted(() => ({ status: 200, body: [] }));
    await client(api.fetch).request('GET /orgs/{org}/personal-access-tokens', { org: 'acme' });
    expect(api.sent[0]?.init.cache).toBe('no-cache');
  });

  it('sends the kept ETag and hands back the unchanged body on a 304', async () => {
    const body = [grant(1), grant(2)];
    const api = scripted((_url, init) =>
      new Headers(init.headers).get('if-none-match') === 'W/"v1"'
        ? { status: 304, headers: { etag: 'W/"v1"', 'x-ratelimit-remaining': '4999' } }
        : { status: 200, body, headers: { etag: 'W/"v1"', 'x-ratelimit-remaining': '4999' } },
    );
    const octokit = client(api.fetch);
    const first = await listAllGrants(octokit, 'acme');
    const second = await listAllGrants(octokit, 'acme');
    expect(api.sent.map((s) => header(s, 'if-none-match'))).toEqual([null, 'W/"v1"']);
    expect(second).toEqual(first);
    expect(second.map((t) => t.grantId)).toEqual([1, 2]);
  });

  it('takes a changed answer as the new version', async () => {
    const api = scripted((_url, _init, n) =>
      n === 1
        ? { status: 200, body: [grant(1), grant(2)], headers: { etag: 'W/"v1"' } }
        : { status: 200, body: [grant(2)], headers: { etag: 'W/"v2"' } },
    );
    const octokit = client(api.fetch);
    await listAllGrants(octokit, 'acme');
    expect((await listAllGrants(octokit, 'acme')).map((t) => t.grantId)).toEqual([2]);
  });

  it("never offers one credential's kept answer to another", async () => {
    const memo = new EtagMemo();
    const gate = new BudgetGate(new RequestBudget());
    const api = scripted(() => ({ status: 200, body: [grant(1)], headers: { etag: 'W/"one"' } }));
    const make = (auth: string) =>
      createClient({ baseUrl: 'https://api.github.com', auth, fetch: api.fetch, gate, memo });
    await listAllGrants(make('ghs_one'), 'acme');
    await listAllGrants(make('ghs_two'), 'acme');
    expect(header(api.sent[1], 'if-none-match')).toBeNull();
  });
});

describe('429', () => {
  it('a 429 is not re-sent before its retry-after: the error says when to come back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const api = scripted(() => ({
      status: 429,
      body: { message: 'Too many requests' },
      headers: { 'retry-after': '30' },
    }));
    const started = Date.now();
    const outcome = client(api.fetch)
      .request('POST /orgs/{org}/personal-access-tokens', { org: 'acme', action: 'revoke', pat_ids: [1] })
      .then(
        () => null,
        (error: unknown) => error,
      );
    await vi.advanceTimersByTimeAsync(29_000);
    const error = await outcome;
    expect(api.sent).toHaveLength(1);
    expect(describeGitHubError(error, { now: started })).toMatchObject({
      code: 'rate_limited',
      retryAt: started + 30_000,
    });
  });

  it('a 429 secondary limit is re-sent once retry-after has passed, not before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const api = scripted((_url, _init, n) =>
      n === 1
        ? {
            status: 429,
            body: { message: 'You have exceeded a secondary rate limit.' },
            headers: { 'retry-after': '3' },
          }
        : { status: 202, body: {} },
    );
    const done = client(api.fetch).request('POST /orgs/{org}/personal-access-tokens', {
      org: 'acme',
      action: 'revoke',
      pat_ids: [1],
    });
    await vi.advanceTimersByTimeAsync(2_900);
    expect(api.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await done).status).toBe(202);
    expect(api.sent).toHaveLength(2);
    expect((api.sent[1]?.at ?? 0) - (api.sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(3_000);
  });
});

describe('pagination follows only https links on the API base origin', () => {
  const hostile = [
    'http://api.github.com/organizations/1/personal-access-tokens?page=2',
    'https://evil.test/organizations/1/personal-access-tokens?page=2',
    'https://api.github.com.evil.test/organizations/1/personal-access-tokens?page=2',
    'https://api.github.com:8443/organizations/1/personal-access-tokens?page=2',
    'https://x:y@api.github.com/organizations/1/personal-access-tokens?page=2',
    'https://API.GITHUB.COM@evil.test/p?page=2',
  ];

  it.each(hostile)('refuses rel="next" %s without sending a thing there', async (next) => {
    const api = scripted(() => ({
      status: 200,
      body: Array.from({ length: 100 }, (_, i) => grant(i + 1)),
      headers: { link: `<${next}>; rel="next", <${next.replace('page=2', 'page=3')}>; rel="last"` },
    }));
    const error = await listAllGrants(client(api.fetch), 'acme').catch((e: unknown) => e);
    expect(api.sent.map((s) => new URL(s.url).origin)).toEqual(['https://api.github.com']);
    const described = describeGitHubError(error);
    expect(described.message).toMatch(/did not follow it or send your credentials there/);
  });

  it('refuses a hostile link among repository pages too, and on GHES keeps to its host', async () => {
    const base = 'https://ghes.test/api/v3';
    const api = scripted((url) =>
      url.includes('page=2')
        ? { status: 200, body: [{ full_name: 'acme/b' }] }
        : {
            status: 200,
            body: [{ full_name: 'acme/a' }],
            headers: { link: '<https://ghes.test/api/v3/organizations/1/x?page=2>; rel="next"' },
          },
    );
    expect(await listGrantRepositories(client(api.fetch, 'ghs_one', base), 'acme', 5)).toEqual([
      'acme/a',
      'acme/b',
    ]);
    const evil = scripted(() => ({
      status: 200,
      body: [{ full_name: 'acme/a' }],
      headers: { link: '<https://api.github.com/organizations/1/x?page=2>; rel="next"' },
    }));
    await expect(listGrantRepositories(client(evil.fetch, 'ghs_one', base), 'acme', 5)).rejects.toThrow(
      /not https:\/\/ghes\.test/,
    );
    expect(evil.sent).toHaveLength(1);
  });

  it('the client itself sends nothing off its origin, whoever asks', async () => {
    const api = scripted(() => ({ status: 200, body: {} }));
    const error = await client(api.fetch)
      .request({ method: 'GET', url: 'https://evil.test/steal' })
      .catch((e: unknown) => e);
    expect(api.sent).toHaveLength(0);
    expect(describeGitHubError(error).code).toBe('github_error');
  });
});
