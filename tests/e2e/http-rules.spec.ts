// GitHub's HTTP rules in the real extension (production build, Chromium's MV3 worker), with the
// fake answering as GitHub does: `Cache-Control: private, max-age=60` with per-token ETags, and
// secondary limits as 429 with retry-after. Chromium's HTTP cache is on (the fake's certificate
// is trusted by key), so a worker that trusted it would verify a revocation against a list
// fetched before the revocation.
import type { Page } from '@playwright/test';
import type { Exchange, FakeGitHub } from '../fake-github/server.ts';
import { configurePrivateKey, expect, loadGrantIds, openOptions, sendFromPage, test } from './fixtures';

const ORG = 'acme';
const LIST_PATH = `/orgs/${ORG}/personal-access-tokens`;
const isList = (ex: Exchange) =>
  ex.method === 'GET' && (ex.restPath ?? '').includes('personal-access-tokens?');
const revokePosts = (fake: FakeGitHub) =>
  fake.requests.filter((ex) => ex.method === 'POST' && ex.restPath === LIST_PATH);

test.use({ fakeOptions: { deviceInterval: 1, revokeDelayMs: 200 } });

async function loaded(page: Page, fake: FakeGitHub, grants: number): Promise<number[]> {
  fake.seedOrg(ORG, { grants, seed: 21 });
  await configurePrivateKey(page, fake, ORG);
  return loadGrantIds(page, ORG);
}

async function finished(page: Page, total: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const status = await sendFromPage(page, 'jobs.latest', { org: ORG });
        return status.ok ? status.data?.phase : status.error.message;
      },
      { timeout: 50_000 },
    )
    .toBe('done');
  const final = await sendFromPage(page, 'jobs.latest', { org: ORG });
  expect(final.ok && final.data).toMatchObject({ total, done: total, failed: 0, unconfirmed: 0 });
}

test('a revocation is verified against GitHub, not against the 60 s browser cache', async ({
  context,
  extensionId,
  fake,
}) => {
  const page = await openOptions(context, extensionId);
  // Every grant: verification reloads the whole org, the very URLs just loaded (and cached).
  const all = await loaded(page, fake, 150);
  const listed = fake.requests.filter(isList);
  expect(listed.length).toBeGreaterThanOrEqual(2);
  expect(
    listed.every((ex) => ex.responseHeaders['cache-control'] === 'private, max-age=60, s-maxage=60'),
  ).toBe(true);
  const before = fake.requests.length;

  const started = await sendFromPage(page, 'jobs.start', { kind: 'revoke', org: ORG, ids: all });
  expect(started.ok).toBe(true);
  await finished(page, all.length);

  // The verification reached the fake (revalidated, not served from the cache), well inside
  // the minute the cached copy was fresh for, and saw the grants gone.
  const verifying = fake.requests.slice(before).filter(isList);
  expect(verifying.length).toBeGreaterThanOrEqual(2);
  // The empty list arrived once; asked again, GitHub answered "unchanged" (304).
  const empty = verifying.filter((ex) => ex.status === 200 && JSON.stringify(ex.responseBody) === '[]');
  expect(empty.length).toBeGreaterThanOrEqual(1);
  for (const ex of verifying.filter((x) => x.status === 304))
    expect(ex.headers['if-none-match']).toBeTruthy();
  expect(fake.liveGrants(ORG)).toEqual([]);
  expect(fake.revokedGrantIds(ORG)).toEqual([...all].sort((a, b) => a - b));
});

test('a 429 secondary limit with retry-after: nothing is re-sent before it has passed', async ({
  context,
  extensionId,
  fake,
}) => {
  test.setTimeout(120_000);
  const page = await openOptions(context, extensionId);
  const all = await loaded(page, fake, 300);
  // Longer than PATrol sleeps through inside one write (20 s): the job parks and comes back.
  const RETRY_AFTER = 25;
  fake.faults.secondaryRateLimitNext({ method: 'POST', pathIncludes: LIST_PATH }, 1, RETRY_AFTER, 429);
  const started = await sendFromPage(page, 'jobs.start', { kind: 'revoke', org: ORG, ids: all });
  expect(started.ok).toBe(true);
  const limitedPost = () => revokePosts(fake).find((ex) => ex.status === 429);
  const resent = () => revokePosts(fake).filter((ex) => ex.seq > (limitedPost()?.seq ?? Infinity));
  await expect.poll(() => resent().length, { timeout: 60_000 }).toBeGreaterThan(0);
  const limited = limitedPost();
  expect(limited?.responseHeaders['retry-after']).toBe(String(RETRY_AFTER));
  expect((resent()[0]?.time ?? 0) - (limited?.time ?? 0)).toBeGreaterThanOrEqual(RETRY_AFTER * 1000);

  await finished(page, all.length);
  const posts = revokePosts(fake);
  expect(posts.filter((ex) => ex.status === 202)).toHaveLength(3);
  expect(fake.revokedGrantIds(ORG)).toEqual([...all].sort((a, b) => a - b));
});
