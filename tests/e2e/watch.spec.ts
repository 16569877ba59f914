// Issue 15 items 3-5 end to end in Chromium: policies on the options page (one using
// `member:no`), "Check now" sets the toolbar badge to the number of tokens that match a policy
// or are new since review, checked against the fake GitHub's own grants and members; a grant
// that appears in the fake raises the badge by one; the popup shows the per-org counts.
import { riskOf } from '../../lib/risk';
import { normaliseGrant, type Token } from '../../lib/tokens';
import type { FakeGitHub } from '../fake-github/server';
import { configurePrivateKey, expect, openOptions, sendFromPage, test } from './fixtures';

const DAY = 86_400_000;

/** The worker's `chrome`, as typed here (the e2e tests have no Chrome typings). */
interface WorkerChrome {
  alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
  action: {
    getBadgeText(details: object): Promise<string>;
    getBadgeBackgroundColor(details: object): Promise<number[]>;
  };
}
declare const chrome: WorkerChrome;

/** The default policies (plus `member:no` unless told), evaluated by hand on the fake's truth. */
function truth(
  fake: FakeGitHub,
  org: string,
  isNew: (t: Token) => boolean = () => false,
  memberNo = true,
): number {
  const now = fake.now();
  const members = fake.state.orgs.get(org)?.members ?? new Map();
  const unused = (t: Token, days: number) =>
    t.lastUsedAt === null || t.lastUsedAt.getTime() < now - days * DAY;
  return fake
    .liveGrants(org)
    .map((g) => normaliseGrant(g))
    .filter(
      (t) =>
        (riskOf(t, now) === 'high' && unused(t, 90)) ||
        t.expiresAt === null ||
        unused(t, 180) ||
        (memberNo && !members.has(t.ownerLogin.toLowerCase())) ||
        isNew(t),
    ).length;
}

test('watch: Check now sets the badge to the fake’s truth, and a new grant raises it', async ({
  context,
  extensionId,
  fake,
  worker,
}) => {
  const acme = fake.seedOrg('acme', { grants: 150, seed: 31 });
  fake.seedOrg('globex', { grants: 60, seed: 32 });
  // Two token owners left acme: their tokens stay listed, as on GitHub.
  for (const user of acme.users.slice(0, 2)) acme.members.delete(user.login.toLowerCase());

  const options = await openOptions(context, extensionId);
  await configurePrivateKey(options, fake, 'acme');
  for (const org of ['acme', 'globex']) {
    expect((await sendFromPage(options, 'grants.load', { org, refresh: true })).ok).toBe(true);
  }

  const policies = options.getByRole('list', { name: 'Policies' });
  await expect(policies).toContainText('Stale high risk');
  await options.getByRole('textbox', { name: 'Policy name' }).fill('Gone owners');
  await options.getByRole('textbox', { name: 'Policy query' }).fill('member:maybe');
  await expect(options.getByText('member: takes no, yes or owner')).toBeVisible();
  await options.getByRole('textbox', { name: 'Policy query' }).fill('member:no');
  await options.getByRole('button', { name: 'Add policy' }).click();
  await expect(options.getByRole('button', { name: 'Remove Gone owners' })).toBeVisible();

  await options.getByRole('checkbox', { name: 'Check my organizations daily' }).check();
  await expect
    .poll(() =>
      worker.evaluate(() =>
        chrome.alarms
          .get('patrol-watch')
          .then((a: { periodInMinutes?: number } | undefined) => a?.periodInMinutes ?? null),
      ),
    )
    .toBe(1440);
  await options.getByRole('button', { name: 'Check now' }).click();
  const status = options.getByRole('status', { name: 'Watch status' });
  const expected = truth(fake, 'acme') + truth(fake, 'globex');
  await expect(status).toContainText(
    `${expected.toLocaleString('en-US')} tokens match a policy or are new since review`,
  );
  const badge = () => worker.evaluate(() => chrome.action.getBadgeText({}));
  expect(await badge()).toBe(String(expected));
  expect(await worker.evaluate(() => chrome.action.getBadgeBackgroundColor({}))).toEqual([110, 64, 201, 255]);

  // A grant appears in acme between two checks: new since review, so the badge grows by one.
  const model = acme.grants[0];
  if (!model) throw new Error('seed produced no grants');
  const id = Math.max(...acme.grantsById.keys()) + 1;
  const grant = { ...model, id, tokenId: model.tokenId + 999_999, tokenName: 'appeared overnight' };
  acme.grants.unshift(grant);
  acme.grantsById.set(id, grant);
  await options.getByRole('button', { name: 'Check now' }).click();
  const grown = truth(fake, 'acme', (t) => t.grantId === id) + truth(fake, 'globex');
  expect(grown).toBe(expected + 1);
  await expect.poll(badge).toBe(String(grown));

  // The popup shows each org's counts, each a way into the panel with that query.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const counts = popup.getByRole('list', { name: 'Watch counts of acme' });
  await expect(counts.getByRole('button', { name: 'New since review 1' })).toBeVisible();
  const gone = fake.liveGrants('acme').filter((g) => !acme.members.has(g.owner.login.toLowerCase())).length;
  expect(gone).toBeGreaterThan(0);
  await expect(counts.getByRole('button', { name: `Gone owners ${gone}` })).toBeVisible();
});

test('watch: Chrome stops the worker mid-check; the next worker resumes it without re-reading done orgs', async ({
  context,
  extensionId,
  fake,
}) => {
  const orgs = ['alpha', 'bravo', 'charlie'];
  for (const [i, org] of orgs.entries()) fake.seedOrg(org, { grants: 250, seed: 40 + i });
  const options = await openOptions(context, extensionId);
  await configurePrivateKey(options, fake, 'alpha');
  for (const org of orgs)
    expect((await sendFromPage(options, 'grants.load', { org, refresh: true })).ok).toBe(true);

  const cdp = await context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.runningStatus === 'stopped')) resolve();
    });
  });
  fake.faults.latencyMs = 400; // slow enough to stop the check between orgs
  const done = () =>
    options.evaluate(async () => {
      const stored = await (
        globalThis as unknown as {
          chrome: {
            storage: {
              local: { get(key: string): Promise<Record<string, { running?: { done: unknown[] } }>> };
            };
          };
        }
      ).chrome.storage.local.get('watch-state');
      return stored['watch-state']?.running?.done.length ?? -1;
    });
  void sendFromPage(options, 'watch.check', {}).catch(() => undefined); // its reply dies with the worker
  await expect.poll(done, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  const finished = await done();
  expect(finished).toBeGreaterThanOrEqual(1);
  expect(finished).toBeLessThan(orgs.length);
  const atStop = fake.requests.length;

  // Any event starts a worker again (here a message); it finishes the saved check.
  fake.faults.latencyMs = 0;
  await sendFromPage(options, 'settings.get', {});
  const expected = orgs.reduce((sum, org) => sum + truth(fake, org, undefined, false), 0);
  const badge = async () => {
    const [current] = context.serviceWorkers();
    return current?.evaluate(() => chrome.action.getBadgeText({})) ?? null;
  };
  await expect.poll(badge, { timeout: 30_000 }).toBe(String(expected));
  const reread = fake.requests
    .slice(atStop)
    .filter((r) =>
      orgs.slice(0, finished).some((org) => r.restPath?.startsWith(`/orgs/${org}/personal-access-tokens`)),
    );
  expect(reread).toEqual([]);
});
