// @vitest-environment node
// The fake follows GitHub's HTTP rules: cache headers, per-token ETags, 304s that cost no rate
// limit, 429 secondary limits with retry-after, the CPU-time and concurrency rules.
import { describe, expect, test } from 'vitest';
import { validateExchange } from './openapi.ts';
import { spkiHash } from './server.ts';
import { mintInstallationToken, useSeededFake } from './testkit.ts';

const seeded = useSeededFake();
const LIST = '/orgs/acme/personal-access-tokens?per_page=5';

describe('HTTP caching (github/docs#34689, "Best practices": conditional requests)', () => {
  test('an authenticated GET is private, cacheable for 60 s, and carries an ETag', async () => {
    const res = await seeded.api(LIST, { token: seeded.installToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=60, s-maxage=60');
    expect(res.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(res.headers.get('vary')).toMatch(/Authorization/);
  });

  test('the ETag differs per access token for the same body', async () => {
    const first = await seeded.api(LIST, { token: seeded.installToken });
    const other = await mintInstallationToken(seeded.fake);
    const second = await seeded.api(LIST, { token: other });
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  test('If-None-Match with the current ETag gets a bodiless 304 that costs no rate limit', async () => {
    const first = await seeded.api(LIST, { token: seeded.installToken });
    const etag = first.headers.get('etag') ?? '';
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const again = await seeded.api(LIST, {
      token: seeded.installToken,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(Number(again.headers.get('x-ratelimit-remaining'))).toBe(remaining);
    const third = await seeded.api(LIST, { token: seeded.installToken });
    expect(Number(third.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
  });

  test('a changed list answers 200 with a new ETag to the old If-None-Match', async () => {
    const first = await seeded.api(LIST, { token: seeded.installToken });
    const etag = first.headers.get('etag') ?? '';
    const [newest] = (await first.json()) as { id: number }[];
    const revoke = await seeded.api('/orgs/acme/personal-access-tokens', {
      method: 'POST',
      token: seeded.installToken,
      body: JSON.stringify({ action: 'revoke', pat_ids: [newest?.id] }),
    });
    expect(revoke.status).toBe(202);
    seeded.fake.settleRevocations();
    const again = await seeded.api(LIST, { token: seeded.installToken, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).not.toBe(etag);
    expect(((await again.json()) as { id: number }[]).map((g) => g.id)).not.toContain(newest?.id);
  });

  test("another token's ETag does not match", async () => {
    const first = await seeded.api(LIST, { token: seeded.installToken });
    const other = await mintInstallationToken(seeded.fake);
    const res = await seeded.api(LIST, {
      token: other,
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
    expect(res.status).toBe(200);
  });

  test('Chromium trusts the certificate by key, so its HTTP cache stays on', () => {
    const args = seeded.fake.chromiumArgs();
    expect(args).toContain(`--ignore-certificate-errors-spki-list=${spkiHash(seeded.fake.cert)}`);
    expect(args).not.toContain('--ignore-certificate-errors');
  });
});

describe('secondary rate limits ("Rate limits for the REST API")', () => {
  test('a 429 secondary limit carries retry-after and GitHub\'s "secondary rate limit" message', async () => {
    seeded.fake.faults.secondaryRateLimitNext({ pathIncludes: '/personal-access-tokens' }, 1, 7, 429);
    const res = await seeded.api(LIST, { token: seeded.installToken });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(((await res.json()) as { message: string }).message).toMatch(/secondary rate limit/);
  });

  test('CPU time: past the response time allowed per 60 s, requests are refused with retry-after', async () => {
    const { fake, api, installToken } = seeded;
    fake.faults.latencyMs = 40;
    fake.faults.enforceSecondaryLimits({ cpuMsPerMinute: 150 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api(LIST, { token: installToken })).status);
    // Accepted until 150 ms of response time were charged, refused from then on.
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBeGreaterThan(0);
    expect(statuses.slice(firstRefused).every((status) => status === 429)).toBe(true);
    const lists = fake.requests.filter((ex) => ex.restPath?.startsWith('/orgs/acme/personal-access-tokens'));
    const charged = lists.filter((ex) => ex.status === 200).reduce((sum, ex) => sum + ex.durationMs, 0);
    expect(charged).toBeGreaterThanOrEqual(150 - 5);
    expect(charged - (lists[firstRefused - 1]?.durationMs ?? 0)).toBeLessThan(150 + 5);
    const refused = fake.requests.filter((ex) => ex.rule === 'cpu');
    expect(refused).toHaveLength(statuses.length - firstRefused);
    expect(Number(refused[0]?.responseHeaders['retry-after'])).toBeGreaterThanOrEqual(59);
    // Another credential has its own budget.
    const other = await mintInstallationToken(fake);
    expect((await api(LIST, { token: other })).status).toBe(200);
    // A minute later the charged time has left the window.
    fake.advanceTime(61_000);
    expect((await api(LIST, { token: installToken })).status).toBe(200);
  });

  test('concurrency: more requests in flight than allowed are refused', async () => {
    const { fake, api, installToken } = seeded;
    fake.faults.latencyMs = 150;
    fake.faults.enforceSecondaryLimits({ maxConcurrent: 2, status: 403 });
    const statuses = await Promise.all(
      [1, 2, 3].map(async () => (await api(LIST, { token: installToken })).status),
    );
    expect(statuses.sort()).toEqual([200, 200, 403]);
    expect(fake.requests.filter((ex) => ex.rule === 'concurrency')).toHaveLength(1);
    expect((await api(LIST, { token: installToken })).status).toBe(200);
  });

  test("GitHub's defaults: 90 s per 60 s and 100 in flight", () => {
    expect(seeded.fake.faults.enforceSecondaryLimits().options).toMatchObject({
      cpuMsPerMinute: 90_000,
      maxConcurrent: 100,
    });
  });
});

describe('the validator', () => {
  test('accepts a 304 to a conditional GET and nothing else undeclared', async () => {
    const first = await seeded.api(LIST, { token: seeded.installToken });
    await seeded.api(LIST, {
      token: seeded.installToken,
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
    const notModified = seeded.fake.requests.find((ex) => ex.status === 304);
    expect(notModified).toBeDefined();
    expect(validateExchange(notModified as never)).toEqual([]);
    expect(validateExchange({ ...(notModified as never as object), status: 418 } as never)).not.toEqual([]);
  });
});
