// @vitest-environment node
// Sign-in mode end to end in the worker: device flow, refresh of an expired user token, and
// what happens when GitHub refuses the refresh token.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { message } from '../../../lib/protocol';
import { createRouter } from '../../../lib/worker/router';
import { createWorker } from '../../../lib/worker/service';
import { type FakeGitHub, startFakeGitHub } from '../../fake-github/server';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ deviceInterval: 5 });
  fake.seedOrg('acme', { grants: 12, seed: 8, owners: ['octo-owner'] });
});
afterAll(() => fake.close());
beforeEach(() => fakeBrowser.reset());

/** A worker in sign-in mode, on a clock the test moves. */
async function deviceWorker() {
  const clock = { now: Date.now() };
  const service = createWorker({ fetch: fake.fetch, now: () => clock.now });
  await service.call('settings.save', {
    mode: 'device',
    clientId: fake.app.clientId,
    apiBaseUrl: 'https://api.github.com',
    secretStorage: 'session',
  });
  return { service, clock };
}

async function signedIn() {
  const { service, clock } = await deviceWorker();
  const code = await service.call('signin.start', {});
  expect(code.intervalSeconds).toBe(5);
  // Too early: the worker does not even ask GitHub.
  const before = fake.requests.length;
  expect(await service.call('signin.poll', {})).toEqual({ state: 'pending', intervalSeconds: 5 });
  expect(fake.requests.length).toBe(before);
  clock.now += 5_000;
  fake.advanceTime(5_000); // GitHub's clock moves too, or it answers slow_down
  expect(await service.call('signin.poll', {})).toMatchObject({ state: 'pending' });
  fake.approveDeviceCode(code.userCode, 'octo-owner');
  clock.now += 5_000;
  fake.advanceTime(5_000); // GitHub's clock moves too, or it answers slow_down
  expect(await service.call('signin.poll', {})).toEqual({ state: 'done', login: 'octo-owner' });
  return { service, clock };
}

describe('sign-in mode', () => {
  it('slows down when GitHub says slow_down, and waits the new interval before asking again', async () => {
    const { service, clock } = await deviceWorker();
    await service.call('signin.start', {});
    clock.now += 5_000;
    fake.advanceTime(5_000);
    expect(await service.call('signin.poll', {})).toMatchObject({ state: 'pending', intervalSeconds: 5 });
    // Our clock says 5 s passed, GitHub's says none: GitHub answers slow_down (+5 s).
    clock.now += 5_000;
    expect(await service.call('signin.poll', {})).toMatchObject({
      state: 'pending',
      intervalSeconds: 10,
    });
    const polls = () => fake.requests.filter((ex) => ex.path.startsWith('/login/oauth/access_token')).length;
    const sent = polls();
    clock.now += 9_000;
    expect(await service.call('signin.poll', {})).toMatchObject({ state: 'pending', intervalSeconds: 1 });
    expect(polls()).toBe(sent);
  });

  it('signs in by device flow and lists the org as the owner', async () => {
    const { service } = await signedIn();
    expect((await service.call('settings.get', {})).signedInAs).toBe('octo-owner');
    expect((await service.call('grants.load', { org: 'acme', refresh: true })).count).toBe(12);
  });

  it('refreshes a user token that expired early, once, and carries on', async () => {
    const { service } = await signedIn();
    fake.faults.expireUserTokensNow();
    const refreshesBefore = fake.requests.filter(
      (ex) => (ex.body as { grant_type?: string } | null)?.grant_type === 'refresh_token',
    ).length;
    expect((await service.call('grants.load', { org: 'acme', refresh: true })).count).toBe(12);
    const refreshes = fake.requests.filter(
      (ex) => (ex.body as { grant_type?: string } | null)?.grant_type === 'refresh_token',
    );
    expect(refreshes.length - refreshesBefore).toBe(1);
  });

  it('refreshes once when several requests find the token expired at the same time', async () => {
    const { service } = await signedIn();
    fake.faults.expireUserTokensNow();
    const isRefresh = (ex: { body: unknown }) =>
      (ex.body as { grant_type?: string } | null)?.grant_type === 'refresh_token';
    const before = fake.requests.filter(isRefresh).length;
    const loads = await Promise.all([
      service.call('grants.load', { org: 'acme', refresh: true }),
      service.call('grants.repositories', {
        org: 'acme',
        grantIds: fake
          .liveGrants('acme')
          .slice(0, 3)
          .map((g) => g.id),
      }),
    ]);
    expect(loads[0].count).toBe(12);
    expect(fake.requests.filter(isRefresh).length - before).toBe(1);
    expect((await service.call('settings.get', {})).signedInAs).toBe('octo-owner');
  });

  it('asks for a new sign-in when GitHub refuses the refresh token, and forgets it', async () => {
    const { service } = await signedIn();
    for (const token of fake.state.refreshTokens.values()) token.expiresAt = 0;
    fake.faults.expireUserTokensNow();
    const route = createRouter(service.registry, {
      extensionId: 'x',
      extensionOrigin: 'chrome-extension://x',
      webHosts: async () => ['github.com'],
    });
    const reply = await route(message('grants.load', { org: 'acme', refresh: true }), {
      id: 'x',
      url: 'chrome-extension://x/popup.html',
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'device_flow', message: expect.stringMatching(/Sign in with GitHub" again/) },
    });
    expect((await service.call('settings.get', {})).signedInAs).toBeNull();
  });
});
