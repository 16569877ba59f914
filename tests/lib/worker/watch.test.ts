// @vitest-environment node
// The daily watch with the real worker against the fake GitHub: the alarm it arms, a check that
// refreshes every known org (revalidated: an unchanged org costs 304s) and sets the badge to the
// fake's truth, one notification per increase, a check resumed after a worker stop without
// re-reading finished orgs, and a locked credential or a failed org shown instead of a count.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BADGE_ATTENTION_COLOR, BADGE_BACKGROUND_COLOR } from '../../../lib/icons';
import { policiesItem } from '../../../lib/policies-item';
import { riskOf } from '../../../lib/risk';
import { normaliseGrant, type Token } from '../../../lib/tokens';
import { EMPTY_WATCH, watchStateItem } from '../../../lib/watch-state';
import { createWorker } from '../../../lib/worker/service';
import { vault } from '../../../lib/worker/vault';
import { WATCH_ALARM, WATCH_RESUME_ALARM } from '../../../lib/worker/watch';
import { badgeCount, badgeOf } from '../../../lib/worker/watch-badge';
import { openNotice, WATCH_NOTIFICATION } from '../../../lib/worker/watch-notify';
import { type FakeGitHub, startFakeGitHub } from '../../fake-github/server';

const DAY = 86_400_000;
let fake: FakeGitHub;

beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 0 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fakeBrowser.reset();
  fake.reset();
  fake.seedOrg('acme', { grants: 260, seed: 3 });
  fake.seedOrg('beta', { grants: 40, seed: 4 });
  (fakeBrowser.permissions as { contains: unknown }).contains = async () => true;
});

async function worker(secretStorage: 'session' | 'passphrase' = 'session') {
  const service = createWorker({ fetch: fake.fetch });
  await service.call('settings.save', {
    mode: 'private-key',
    clientId: fake.app.clientId,
    apiBaseUrl: 'https://api.github.com',
    privateKey: fake.app.privateKeyPkcs1,
    secretStorage,
    ...(secretStorage === 'passphrase' ? { passphrase: 'correct horse battery staple' } : {}),
  });
  return service;
}

/** The default policies (PRODUCT.md), evaluated by hand on the fake's own grants. */
function truth(org: string, isNew: (t: Token) => boolean = () => false): number {
  const now = fake.now();
  const unused = (t: Token, days: number) =>
    t.lastUsedAt === null || t.lastUsedAt.getTime() < now - days * DAY;
  return fake
    .liveGrants(org)
    .map((g) => normaliseGrant(g))
    .filter(
      (t) =>
        (riskOf(t, now) === 'high' && unused(t, 90)) || t.expiresAt === null || unused(t, 180) || isNew(t),
    ).length;
}

const badge = async () => ({
  text: await fakeBrowser.action.getBadgeText({}),
  color: await fakeBrowser.action.getBadgeBackgroundColor({}),
});
const hex = (rgba: number[]) =>
  `#${rgba
    .slice(0, 3)
    .map((n) => n.toString(16).padStart(2, '0'))
    .join('')}`;

/** A grant that appears in the fake between two checks: a never-expiring copy of another. */
function addGrant(org: string): number {
  const state = fake.state.orgs.get(org);
  const model = state?.grants[0];
  if (!state || !model) throw new Error('no grant to copy');
  const id = Math.max(...state.grantsById.keys()) + 1;
  const grant = { ...model, id, tokenId: model.tokenId + 999_999, tokenName: 'appeared', expiresAt: null };
  state.grants.unshift(grant);
  state.grantsById.set(id, grant);
  return id;
}

describe('the badge', () => {
  it('fits four characters and leaves the exact count to the title', () => {
    expect([0, 7, 999, 1000, 1240, 25_000].map(badgeCount)).toEqual(['', '7', '999', '1k+', '1k+', '25k+']);
    const last = { finishedAt: 0, orgs: [], total: 1240 };
    expect(badgeOf({ ...EMPTY_WATCH, last })).toEqual({
      text: '1k+',
      color: BADGE_BACKGROUND_COLOR,
      title: 'PATrol: 1,240 tokens match a policy or are new since review.',
    });
  });
});

describe('the daily watch', () => {
  it('arms a daily alarm, checks every known org and sets the badge to the fake’s truth', async () => {
    const service = await worker();
    await service.call('grants.load', { org: 'acme', refresh: true });
    await service.call('grants.load', { org: 'beta', refresh: true });
    await service.call('watch.configure', { daily: true, notify: false });
    const alarm = await fakeBrowser.alarms.get(WATCH_ALARM);
    expect(alarm?.periodInMinutes).toBe(24 * 60);

    const before = fake.requests.length;
    const state = await service.watch.check();
    const expected = truth('acme') + truth('beta');
    expect(expected).toBeGreaterThan(0);
    expect(state.last?.total).toBe(expected);
    expect(await badge()).toEqual({ text: String(expected), color: expect.anything() });
    expect(hex((await badge()).color as unknown as number[])).toBe(BADGE_BACKGROUND_COLOR);
    // Both orgs were refreshed from GitHub, and an unchanged list costs only 304s.
    const refreshed = fake.requests
      .slice(before)
      .filter((r) => r.restPath?.includes('/personal-access-tokens'));
    for (const org of ['acme', 'beta'])
      expect(refreshed.some((r) => r.restPath?.startsWith(`/orgs/${org}/personal-access-tokens`))).toBe(true);
    expect(refreshed.every((r) => r.status === 304)).toBe(true);
    expect(await fakeBrowser.alarms.get(WATCH_RESUME_ALARM)).toBeUndefined();

    await service.call('watch.configure', { daily: false, notify: false });
    expect(await fakeBrowser.alarms.get(WATCH_ALARM)).toBeUndefined();
    expect((await badge()).text).toBe('');
  });

  it('counts a grant new since review, and a user policy, and notifies once per increase', async () => {
    const service = await worker();
    await service.call('grants.load', { org: 'acme', refresh: true });
    await service.call('watch.configure', { daily: true, notify: true });
    const first = await service.watch.check();
    expect(first.last?.total).toBe(truth('acme'));
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({}); // turning it on is no news

    const id = addGrant('acme');
    const grown = await service.watch.check();
    expect(grown.last?.orgs[0]).toMatchObject({ ok: true, newSinceReview: 1 });
    expect(grown.last?.total).toBe(truth('acme', (t) => t.grantId === id));
    expect(grown.last?.total).toBe((first.last?.total ?? 0) + 1);
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown)).toEqual([WATCH_NOTIFICATION]);
    expect(shown[WATCH_NOTIFICATION]?.message).toMatch(/^acme: New since review now 1 token/);
    expect(grown.notice).toEqual({ org: 'acme', query: 'is:new' });
    // Its click opens the panel on that query.
    await openNotice(grown, 'github.com');
    expect((await fakeBrowser.tabs.query({})).map((tab) => tab.url)).toContain(
      'https://github.com/organizations/acme/settings/personal-access-tokens/active#patrol=is%3Anew',
    );

    await fakeBrowser.notifications.clear(WATCH_NOTIFICATION);
    await service.watch.check(); // the same count: no second notification
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});

    await policiesItem.setValue([
      { name: 'Everything', query: 'risk:low risk:low' },
      { name: 'All', query: '' },
    ]);
    const custom = await service.watch.check();
    expect(custom.last?.orgs[0]).toMatchObject({ policies: [{ name: 'Everything' }] });
  });

  it('resumes a check a stopped worker left, without reading the finished orgs again', async () => {
    const first = await worker();
    await first.call('grants.load', { org: 'acme', refresh: true });
    await first.call('grants.load', { org: 'beta', refresh: true });
    // A check that finished acme (with a count) and was stopped before beta.
    const acme = {
      org: 'acme',
      ok: true as const,
      checkedAt: 1,
      watched: 7,
      newSinceReview: 0,
      policies: [],
    };
    await watchStateItem.setValue({
      ...(await watchStateItem.getValue()),
      running: { startedAt: 1, orgs: ['acme', 'beta'], done: [acme] },
    });
    const before = fake.requests.length;
    const restarted = createWorker({ fetch: fake.fetch }); // the worker Chrome starts again
    const state = await restarted.watch.resume();
    const asked = fake.requests.slice(before).map((r) => r.restPath ?? '');
    expect(asked.some((p) => p.startsWith('/orgs/beta/personal-access-tokens'))).toBe(true);
    expect(asked.some((p) => p.startsWith('/orgs/acme/'))).toBe(false);
    expect(state?.last?.total).toBe(7 + truth('beta'));
    expect((await badge()).text).toBe(String(7 + truth('beta')));
    expect(await restarted.watch.resume()).toBeNull(); // nothing left to resume
  });

  it('shows a failed org and a locked credential as "!" rather than a wrong count', async () => {
    const service = await worker();
    await service.call('grants.load', { org: 'acme', refresh: true });
    await service.call('grants.load', { org: 'beta', refresh: true });
    fake.faults.failNext({ pathIncludes: '/orgs/beta/personal-access-tokens' }, 1, 404);
    const failed = await service.watch.check();
    expect(failed.last?.total).toBeNull();
    expect(failed.last?.orgs.find((o) => o.org === 'beta')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/beta organization as not found/) },
    });
    expect((await badge()).text).toBe('!');
    expect(hex((await badge()).color as unknown as number[])).toBe(BADGE_ATTENTION_COLOR);
    expect(await fakeBrowser.action.getTitle({})).toMatch(/could not check beta/);

    const locked = await worker('passphrase');
    await locked.call('grants.load', { org: 'acme', refresh: true });
    await vault.lock(); // what closing the browser does: memory and storage.session are gone
    const state = await createWorker({ fetch: fake.fetch }).watch.check();
    expect(state.locked).toBe(true);
    expect((await badge()).text).toBe('!');
    expect(await fakeBrowser.action.getTitle({})).toMatch(/locked/);
  });

  it('forgets its counts and clears the badge at sign-out', async () => {
    const service = await worker();
    await service.call('grants.load', { org: 'acme', refresh: true });
    await service.watch.check();
    expect((await badge()).text).not.toBe('');
    await service.call('signout', {});
    expect((await badge()).text).toBe('');
    expect(await watchStateItem.getValue()).toEqual(EMPTY_WATCH);
    expect((await service.watch.check()).last).toBeNull(); // signed out: nothing to count
  });
});
