// @vitest-environment node
// GitHub Enterprise Server: the same worker, with an API base of https://HOST/api/v3.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readGrants } from '../../../lib/worker/grants-cache';
import { createWorker } from '../../../lib/worker/service';
import { type FakeGitHub, startFakeGitHub } from '../../fake-github/server';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 0 });
  fake.seedOrg('eng', { grants: 230, seed: 4 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fakeBrowser.reset();
  fake.requests.length = 0;
});

describe('GHES API base URL', () => {
  it('lists every grant and revokes through https://ghes.test/api/v3', async () => {
    const service = createWorker({ fetch: fake.fetch });
    const saved = await service.call('settings.save', {
      mode: 'private-key',
      clientId: String(fake.app.appId), // GHES before 3.14 knows only the App ID
      apiBaseUrl: 'https://ghes.test/api/v3/',
      privateKey: fake.app.privateKeyPkcs1,
      secretStorage: 'session',
    });
    expect(saved).toMatchObject({ apiBaseUrl: 'https://ghes.test/api/v3', webHost: 'ghes.test' });

    expect((await service.call('grants.load', { org: 'eng', refresh: true })).count).toBe(230);
    const loaded = (await readGrants('eng')) ?? { tokens: [] };
    expect(loaded.tokens).toHaveLength(230);
    expect(fake.requests.every((exchange) => exchange.host.startsWith('ghes.test'))).toBe(true);
    expect(fake.requests.filter((exchange) => exchange.path.startsWith('/api/v3/')).length).toBe(
      fake.requests.length,
    );

    const ids = loaded.tokens.slice(0, 3).map((token) => token.grantId);
    await service.call('jobs.start', { kind: 'revoke', org: 'eng', ids });
    await expect
      .poll(async () => (await service.call('jobs.latest', { org: 'eng' }))?.phase, { timeout: 20_000 })
      .toBe('done');
    expect(fake.revokedGrantIds('eng')).toEqual([...ids].sort((a, b) => a - b));
    // Verified by asking for just those tokens (token_id[]), not by reloading all 230.
    const checks = fake.requests.filter(
      (exchange) => exchange.method === 'GET' && exchange.path.includes('token_id[]='),
    );
    expect(checks.length).toBeGreaterThan(0);
    await service.call('grants.load', { org: 'eng', refresh: false });
    const cached = (await readGrants('eng')) ?? { tokens: [] };
    expect(cached.tokens.map((token) => token.grantId).filter((id) => ids.includes(id))).toEqual([]);
  });

  it('sends the device flow to the GHES host, not github.com', async () => {
    const service = createWorker({ fetch: fake.fetch });
    await service.call('settings.save', {
      mode: 'device',
      clientId: fake.app.clientId,
      apiBaseUrl: 'https://ghes.test/api/v3',
      secretStorage: 'session',
    });
    const code = await service.call('signin.start', {});
    expect(code.verificationUri).toBe('https://ghes.test/login/device');
    const deviceRequest = fake.requests.find((exchange) => exchange.path.startsWith('/login/device/code'));
    expect(deviceRequest?.host).toMatch(/^ghes\.test/);
  });
});

describe('what the owner is told', () => {
  it('says the app is not installed on an org it cannot find an installation for', async () => {
    fake.seedOrg('elsewhere', { grants: 3, seed: 2, installed: false });
    const service = createWorker({ fetch: fake.fetch });
    await service.call('settings.save', {
      mode: 'private-key',
      clientId: fake.app.clientId,
      apiBaseUrl: 'https://api.github.com',
      privateKey: fake.app.privateKeyPkcs1,
      secretStorage: 'session',
    });
    await expect(service.call('grants.load', { org: 'elsewhere', refresh: true })).rejects.toMatchObject({
      code: 'not_installed',
      message: expect.stringMatching(/not installed on elsewhere.*Install App/),
    });
  });
});
