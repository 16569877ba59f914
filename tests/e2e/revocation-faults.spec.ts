// Revocation in the real extension (production build, Chromium's own MV3 worker) while the fake
// GitHub misbehaves: 5xx and secondary rate limits, an installation token that expires early,
// the worker stopped by Chrome mid-job, a dropped connection. Each test checks the outcome
// against the fake's own state, not against what the extension says about itself.
import type { Page } from '@playwright/test';
import type { Exchange, FakeGitHub } from '../fake-github/server.ts';
import {
  configurePrivateKey,
  E2E_PASSPHRASE,
  expect,
  launchChromium,
  loadGrantIds,
  openOptions,
  sendFromPage,
  serviceWorkerOf,
  test,
} from './fixtures';

const ORG = 'acme';
const REVOKE_PATH = `/orgs/${ORG}/personal-access-tokens`;
const POST = { method: 'POST', pathIncludes: REVOKE_PATH };

const revokePosts = (fake: FakeGitHub): Exchange[] =>
  fake.requests.filter((ex) => ex.method === 'POST' && ex.restPath === REVOKE_PATH);
const accepted = (fake: FakeGitHub): Exchange[] => revokePosts(fake).filter((ex) => ex.status === 202);
const idsOf = (ex: Exchange): number[] => (ex.body as { pat_ids: number[] }).pat_ids;
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

/** Waits, on the test's side, for the fake to have seen something (polling its request log). */
async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Credentials through the options page, then 330 of the org's 450 grants selected. */
async function prepare(
  context: Parameters<typeof openOptions>[0],
  extensionId: string,
  fake: FakeGitHub,
): Promise<{ page: Page; selection: number[] }> {
  fake.seedOrg(ORG, { grants: 450, seed: 9 });
  const page = await openOptions(context, extensionId);
  await configurePrivateKey(page, fake, ORG);
  const loaded = await loadGrantIds(page, ORG);
  // Every fourth grant is left out, so a stray id would show.
  const selection = loaded.filter((_, i) => i % 4 !== 3);
  expect(selection.length).toBeGreaterThan(300);
  return { page, selection };
}

async function start(page: Page, selection: number[]): Promise<void> {
  const started = await sendFromPage(page, 'jobs.start', { kind: 'revoke', org: ORG, ids: selection });
  expect(started.ok && started.data.total).toBe(selection.length);
}

async function expectFinished(page: Page, fake: FakeGitHub, selection: number[]): Promise<number> {
  await expect
    .poll(
      async () => {
        const status = await sendFromPage(page, 'jobs.latest', { org: ORG });
        return status.ok ? status.data?.phase : status.error.message;
      },
      { timeout: 40_000 },
    )
    .toBe('done');
  const final = await sendFromPage(page, 'jobs.latest', { org: ORG });
  expect(final.ok && final.data).toMatchObject({
    total: selection.length,
    done: selection.length,
    failed: 0,
    unconfirmed: 0,
  });
  const wanted = new Set(selection);
  for (const post of revokePosts(fake)) {
    expect(idsOf(post).length).toBeLessThanOrEqual(100);
    expect(idsOf(post).filter((id) => !wanted.has(id))).toEqual([]);
  }
  const ids = accepted(fake).flatMap(idsOf);
  expect(sorted(new Set(ids))).toEqual(sorted(wanted));
  expect(fake.revokedGrantIds(ORG)).toEqual(sorted(wanted));
  return ids.length - wanted.size; // ids GitHub accepted twice
}

test.describe('revocation survives GitHub and Chrome misbehaving', () => {
  test('a 5xx burst and a secondary rate limit mid-job: retried, exactly the selection revoked', async ({
    context,
    extensionId,
    fake,
  }) => {
    const { page, selection } = await prepare(context, extensionId, fake);
    await start(page, selection);
    await until(() => accepted(fake).length >= 1, 'the first batch');
    fake.faults.failNext(POST, 2, 502);
    fake.faults.secondaryRateLimitNext(POST, 1, 2);

    expect(await expectFinished(page, fake, selection)).toBe(0);
    const faults = revokePosts(fake).map((ex) => ex.fault ?? 'ok');
    expect(faults.filter((f) => f === 'fail')).toHaveLength(2);
    expect(faults.filter((f) => f === 'secondary')).toHaveLength(1);
    expect(accepted(fake)).toHaveLength(Math.ceil(selection.length / 100));
  });

  test('the installation token expires between batches: a new one is minted and the job completes', async ({
    context,
    extensionId,
    fake,
  }) => {
    const { page, selection } = await prepare(context, extensionId, fake);
    const mints = () => fake.requests.filter((ex) => /\/access_tokens$/.test(ex.restPath ?? '')).length;
    expect(mints()).toBe(1);
    await start(page, selection);
    await until(() => accepted(fake).length >= 1, 'the first batch');
    fake.faults.expireTokensNow();

    expect(await expectFinished(page, fake, selection)).toBe(0);
    expect(mints()).toBe(2);
    // Refused with the expired token (auth-app itself retries a young token a few times for
    // GitHub's replication lag), then accepted with the new one.
    const posts = revokePosts(fake);
    const tokenOf = (ex: Exchange) => ex.headers.authorization;
    const refused = posts.filter((ex) => ex.status === 401);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    const expired = tokenOf(posts[0] as Exchange);
    expect(refused.every((ex) => tokenOf(ex) === expired)).toBe(true);
    expect(
      posts.filter((ex) => ex.seq > (refused.at(-1)?.seq ?? 0)).every((ex) => tokenOf(ex) !== expired),
    ).toBe(true);
  });

  test('Chrome stops the worker mid-job: the next worker resumes it from storage', async ({
    context,
    extensionId,
    fake,
  }) => {
    const { page, selection } = await prepare(context, extensionId, fake);
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((version) => version.runningStatus === 'stopped')) resolve();
      });
    });
    fake.faults.latencyMs = 300; // slow enough that the job is surely mid-way
    await start(page, selection);
    await until(() => accepted(fake).length >= 2, 'two batches');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    const acceptedAtStop = accepted(fake).length;
    const batches = Math.ceil(selection.length / 100);
    expect(acceptedAtStop).toBeLessThan(batches);

    // Any message (here the status the panel polls) starts a worker again; it resumes the job.
    fake.faults.latencyMs = 0;
    const running = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((version) => version.runningStatus === 'running')) resolve();
      });
    });
    const status = await sendFromPage(page, 'jobs.latest', { org: ORG });
    await running;
    expect(status.ok && status.data?.phase).not.toBe('done');
    const duplicates = await expectFinished(page, fake, selection);
    // At most the one batch that was in flight when the worker stopped is sent again.
    expect(duplicates).toBeLessThanOrEqual(100);
    expect(accepted(fake).length).toBeLessThanOrEqual(batches + 1);
  });

  test('the browser is closed mid-job: reopened with the same profile, it finishes the job', async ({
    context,
    extensionId,
    fake,
    userDataDir,
  }) => {
    // Two browser launches and a job that waits out the lock, on a machine running the suite's
    // other worker: the finish is what is checked, not how fast it comes.
    test.setTimeout(150_000);
    const { page, selection } = await prepare(context, extensionId, fake);
    fake.faults.latencyMs = 300;
    await start(page, selection);
    await until(() => accepted(fake).length >= 1, 'a first batch');
    await context.close(); // the whole browser, mid-job
    const acceptedAtClose = accepted(fake).length;
    expect(acceptedAtClose).toBeLessThan(Math.ceil(selection.length / 100));

    fake.faults.latencyMs = 0;
    const reopened = await launchChromium(fake, userDataDir);
    try {
      await serviceWorkerOf(reopened);
      const options = await openOptions(reopened, extensionId);
      // A new browser session: the credential is locked until the owner unlocks it once; the
      // job waited (parked, nothing failed) and resumes on its own after that.
      await options.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(E2E_PASSPHRASE);
      await options.getByRole('button', { name: 'Unlock' }).click();
      await until(
        () => new Set(accepted(fake).flatMap(idsOf)).size === selection.length,
        'every batch',
        60_000,
      );
      await expectFinished(options, fake, selection);
      expect(sorted(new Set(revokePosts(fake).flatMap(idsOf)))).toEqual(sorted(selection));
    } finally {
      await reopened.close();
    }
  });

  test('a connection dropped during a batch is retried and the job completes', async ({
    context,
    extensionId,
    fake,
  }) => {
    const { page, selection } = await prepare(context, extensionId, fake);
    await start(page, selection);
    await until(() => accepted(fake).length >= 1, 'the first batch');
    fake.faults.dropConnectionsNext(POST, 1);

    expect(await expectFinished(page, fake, selection)).toBe(0);
    expect(revokePosts(fake).filter((ex) => ex.fault === 'drop')).toHaveLength(1);
  });
});
