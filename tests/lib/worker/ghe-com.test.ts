// @vitest-environment node
// GitHub Enterprise Cloud with data residency: the API on api.SUBDOMAIN.ghe.com, the web, the
// OAuth device flow and the panel on SUBDOMAIN.ghe.com.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hostOriginsOf, webHostOf } from '../../../lib/hosts';
import { readGrants } from '../../../lib/worker/grants-cache';
import { createWorker } from '../../../lib/worker/service';
import { type FakeGitHub, startFakeGitHub } from '../../fake-github/server';

const API = 'https://api.octocorp.ghe.com';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ deviceInterval: 1, revokeDelayMs: 0 });
  fake.seedOrg('eu-corp', { grants: 250, seed: 5, owners: ['octo-owner'] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fakeBrowser.reset();
  fake.requests.length = 0;
});

describe('hosts of an API base URL', () => {
  it('asks for both GHE.com hosts, the one GHES host, and nothing for github.com', () => {
    expect(hostOriginsOf(API)).toEqual([API, 'https://octocorp.ghe.com']);
    expect(webHostOf(API)).toBe('octocorp.ghe.com');
    expect(hostOriginsOf('https://ghe.example.com/api/v3')).toEqual(['https://ghe.example.com']);
    expect(hostOriginsOf('https://api.github.com')).toEqual([]);
  });
});

describe('GHE.com end to end in the worker', () => {
  it('signs in with the device flow on the web host, then lists every grant on the API host', async () => {
    const clock = { now: Date.now() };
    const service = createWorker({ fetch: fake.fetch, now: () => clock.now });
    const saved = await service.call('settings.save', {
      mode: 'device',
      clientId: fake.app.clientId,
      apiBaseUrl: `${API}/`,
      secretStorage: 'session',
    });
    expect(saved).toMatchObject({ apiBaseUrl: API, webHost: 'octocorp.ghe.com' });
    const code = await service.call('signin.start', {});
    expect(code.verificationUri).toBe('https://octocorp.ghe.com/login/device');
    fake.approveDeviceCode(code.userCode, 'octo-owner');
    clock.now += 1_000;
    fake.advanceTime(1_000);
    expect(await service.call('signin.poll', {})).toEqual({ state: 'done', login: 'octo-owner' });

    await service.call('grants.load', { org: 'eu-corp', refresh: true });
    const loaded = (await readGrants('eu-corp')) ?? { tokens: [] };
    expect(loaded.tokens.map((t) => t.grantId).sort()).toEqual(
      fake
        .liveGrants('eu-corp')
        .map((g) => g.id)
        .sort(),
    );
    const web = fake.requests.filter((ex) => ex.site === 'web').map((ex) => `${ex.host} ${ex.path}`);
    expect(web).toEqual([
      'octocorp.ghe.com /login/device/code',
      'octocorp.ghe.com /login/oauth/access_token',
    ]);
    const rest = fake.requests.filter((ex) => ex.site === 'rest');
    expect(rest.every((ex) => ex.host === 'api.octocorp.ghe.com')).toBe(true);
    // Pages 2 and 3 came from the Link header GitHub sent on that host.
    expect(rest.filter((ex) => /personal-access-tokens\?.*page=[23]/.test(ex.path))).toHaveLength(2);
  });
});
