// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../lib/github/client';
import { listAllGrants, PAGE_CONCURRENCY } from '../../lib/github/grants';

const grant = (id: number) => ({
  id,
  owner: { login: `u${id}`, id },
  repository_selection: 'all',
  permissions: {},
  access_granted_at: '2025-01-01T00:00:00+02:00',
  token_id: id * 10,
  token_name: `t${id}`,
  token_expired: false,
  token_expires_at: null,
  token_last_used_at: null,
});
const BASE = 'https://api.github.com/organizations/77/personal-access-tokens';

/** A server of `total` grants in pages of 100; Link URLs differ from the request's, as GitHub's do. */
function server(total: number, { withLast = true, shiftAfterFirst = 0 } = {}) {
  const requested: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const pages = Math.ceil(total / 100);
  const client = {
    async request(route: unknown, params?: { per_page?: number }) {
      const url =
        typeof route === 'string'
          ? `${BASE}?per_page=${params?.per_page}&page=1`
          : (route as { url: string }).url;
      requested.push(url);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150)); // slower than the start gap, as GitHub is
      inFlight--;
      const page = Number(new URL(url).searchParams.get('page'));
      // A grant created after page 1 was read pushes every later page down by one.
      const offset = page > 1 ? -shiftAfterFirst : 0;
      const ids = Array.from({ length: 100 }, (_, i) => (page - 1) * 100 + i + 1 + offset).filter(
        (id) => id >= 1 && id <= total,
      );
      const links = [];
      if (page < pages) links.push(`<${BASE}?per_page=100&page=${page + 1}>; rel="next"`);
      if (withLast && page < pages) links.push(`<${BASE}?per_page=100&page=${pages}>; rel="last"`);
      return { data: ids.map(grant), headers: { link: links.join(', ') || undefined } };
    },
  } as unknown as GitHubClient;
  return { client, requested, maxInFlight: () => maxInFlight };
}

describe('listAllGrants', () => {
  it('fetches every page exactly once, at most a few at a time, in page order', async () => {
    const fake = server(1234);
    const progress: number[] = [];
    const tokens = await listAllGrants(fake.client, 'acme', ({ loaded }) => progress.push(loaded));
    expect(tokens.map((t) => t.grantId)).toEqual(Array.from({ length: 1234 }, (_, i) => i + 1));
    expect(fake.requested).toHaveLength(13);
    expect(new Set(fake.requested).size).toBe(13);
    expect(fake.requested.slice(1).every((url) => url.startsWith(`${BASE}?per_page=100&page=`))).toBe(true);
    expect(fake.maxInFlight()).toBeGreaterThan(1);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(PAGE_CONCURRENCY);
    expect(progress.at(-1)).toBe(1234);
    expect(tokens[0]?.grantedAt?.toISOString()).toBe('2024-12-31T22:00:00.000Z');
  });

  it('follows rel="next" one page at a time when the server sends no rel="last"', async () => {
    const fake = server(350, { withLast: false });
    const tokens = await listAllGrants(fake.client, 'acme');
    expect(tokens).toHaveLength(350);
    expect(fake.requested).toHaveLength(4);
    expect(fake.maxInFlight()).toBe(1);
  });

  it('keeps each grant once when new grants shift the pages while reading', async () => {
    const fake = server(300, { shiftAfterFirst: 1 });
    const tokens = await listAllGrants(fake.client, 'acme');
    const ids = tokens.map((t) => t.grantId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes one request for a single page', async () => {
    const fake = server(42);
    expect(await listAllGrants(fake.client, 'acme')).toHaveLength(42);
    expect(fake.requested).toHaveLength(1);
  });
});
