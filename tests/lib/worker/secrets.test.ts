// @vitest-environment node
// Secrets at rest, per "Where secrets are kept": what is on disk, the lock, the migration of
// an older PATrol's secrets, and what a wrong passphrase or a locked PATrol says.
import { createStore, entries, get, set } from 'idb-keyval';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { message } from '../../../lib/protocol';
import { settingsItem } from '../../../lib/storage';
import { createRouter } from '../../../lib/worker/router';
import { deviceStore, sessionStore } from '../../../lib/worker/secrets';
import { createWorker } from '../../../lib/worker/service';
import { installationTokenCache } from '../../../lib/worker/token-cache';
import { DEFAULT_KDF, type KdfParams, vault } from '../../../lib/worker/vault';
import { type FakeGitHub, startFakeGitHub } from '../../fake-github/server';

const PASSPHRASE = 'correct horse battery';
let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 0 });
  fake.seedOrg('acme', { grants: 5, seed: 3 });
});
afterAll(() => fake.close());
beforeEach(() => fakeBrowser.reset());

// Argon2id at the production cost (64 MiB, 3 passes) takes seconds per key here. One test
// derives at that cost and checks the header records it; every other test derives at the
// smallest cost through vault.create's own `params` argument (keeper.ts passes none, so
// production always gets DEFAULT_KDF). Unlocking reads the cost from the header, so it follows.
const CHEAP_KDF: KdfParams = { memorySize: 8, iterations: 1, parallelism: 1 };
const productionCreate = vault.create;
beforeEach(() => {
  vi.spyOn(vault, 'create').mockImplementation(function (this: typeof vault, passphrase, params) {
    return productionCreate.call(this, passphrase, params ?? CHEAP_KDF);
  });
});
afterEach(() => vi.restoreAllMocks());

const pemBody = () => fake.app.privateKeyPkcs1.split('\n')[1] as string;

/** Everything an IndexedDB database holds, as text (ArrayBuffers and views spelled out). */
async function dump(db: string, store: string): Promise<string> {
  const bytes = (value: unknown) =>
    value instanceof ArrayBuffer
      ? new TextDecoder().decode(value)
      : ArrayBuffer.isView(value)
        ? new TextDecoder().decode(value)
        : value;
  const rows = await entries(createStore(db, store));
  return rows
    .map(([key, value]) => `${String(key)}=${JSON.stringify(value, (_k, v) => bytes(v))}`)
    .join('\n');
}

async function privateKeyWorker(secretStorage: 'passphrase' | 'session' | 'device', passphrase?: string) {
  const service = createWorker({ fetch: fake.fetch });
  const saved = await service.call('settings.save', {
    mode: 'private-key',
    clientId: fake.app.clientId,
    apiBaseUrl: 'https://api.github.com',
    privateKey: fake.app.privateKeyPkcs1,
    secretStorage,
    ...(passphrase ? { passphrase } : {}),
  });
  return { service, saved };
}

describe('Locked with a passphrase', () => {
  it('is the default, and asks for a passphrase before it stores anything', async () => {
    expect((await settingsItem.getValue()).secretStorage).toBe('passphrase');
    const service = createWorker({ fetch: fake.fetch });
    await expect(
      service.call('settings.save', {
        mode: 'private-key',
        clientId: fake.app.clientId,
        apiBaseUrl: 'https://api.github.com',
        privateKey: fake.app.privateKeyPkcs1,
        secretStorage: 'passphrase',
      }),
    ).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/Choose a passphrase/) });
    await expect(privateKeyWorker('passphrase', 'short')).rejects.toMatchObject({ code: 'validation' });
  });

  it('keeps on disk only ciphertext, a salt and the KDF parameters; the key only in storage.session', async () => {
    vi.restoreAllMocks(); // this test derives the key as production does
    const { service, saved } = await privateKeyWorker('passphrase', PASSPHRASE);
    expect(saved).toMatchObject({ lock: 'unlocked', hasPrivateKey: true, stored: true });
    expect((await service.call('grants.load', { org: 'acme', refresh: true })).count).toBe(5);
    const disk = await dump('patrol-vault', 'vault');
    expect(disk).toContain('argon2id');
    expect(disk).not.toContain(pemBody());
    expect(disk).not.toContain('BEGIN');
    expect(await dump('patrol-secrets', 'secrets')).toBe(''); // nothing in the co-located-key store
    const header = await get<{ params: { memorySize: number; iterations: number } }>(
      '__header',
      createStore('patrol-vault', 'vault'),
    );
    expect(header?.params).toEqual({ memorySize: 65_536, iterations: 3, parallelism: 1 });
    expect(header?.params).toEqual(DEFAULT_KDF);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain('vault-key');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(pemBody());
  });

  it('once the browser session ends, every GitHub-touching message fails "locked" until unlocked', async () => {
    const { service } = await privateKeyWorker('passphrase', PASSPHRASE);
    await service.call('grants.load', { org: 'acme', refresh: true });
    await vault.lock(); // what closing the browser does: memory and storage.session are gone
    await installationTokenCache.clear();
    const route = createRouter(service.registry, {
      extensionId: 'patrol',
      extensionOrigin: 'chrome-extension://patrol',
      webHosts: async () => ['github.com'],
    });
    const page = { id: 'patrol', url: 'chrome-extension://patrol/options.html' };
    const settings = await route(message('settings.get', {}), page);
    expect(settings).toMatchObject({ ok: true, data: { lock: 'locked', hasPrivateKey: true, stored: true } });
    for (const [type, input] of [
      ['grants.load', { org: 'acme', refresh: true }],
      ['grants.load', { org: 'acme', refresh: false }], // the cache is not served either
      ['connection.test', { org: 'acme' }],
      ['orgs.list', {}],
      ['grants.repositories', { org: 'acme', grantIds: [1] }],
    ] as const) {
      const reply = await route(message(type, input as never), page);
      expect(reply, type).toMatchObject({
        ok: false,
        error: { code: 'locked', message: expect.stringMatching(/Unlock/) },
      });
    }

    const wrong = await route(message('unlock', { passphrase: 'incorrect horse' }), page);
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'wrong_passphrase', message: expect.stringMatching(/wrong/) },
    });
    // Only extension pages may unlock: a content script cannot even try passphrases.
    const fromPage = await route(message('unlock', { passphrase: PASSPHRASE }), {
      id: 'patrol',
      url: 'https://github.com/orgs/acme',
      tab: {},
    });
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });

    const unlocked = await route(message('unlock', { passphrase: PASSPHRASE }), page);
    expect(unlocked).toMatchObject({ ok: true, data: { lock: 'unlocked' } });
    expect(await route(message('grants.load', { org: 'acme', refresh: true }), page)).toMatchObject({
      ok: true,
    });
  });

  it("migrates an older PATrol's secrets: locked until the owner chooses a passphrase, nothing lost", async () => {
    // As version 1 left it: settings say "encrypted", the key sealed beside its own AES key.
    await fakeBrowser.storage.local.set({
      settings: {
        mode: 'private-key',
        clientId: fake.app.clientId,
        apiBaseUrl: 'https://api.github.com',
        secretStorage: 'encrypted',
      },
    });
    await deviceStore().set('privateKey', fake.app.privateKeyPkcs1);
    await settingsItem.migrate();
    const service = createWorker({ fetch: fake.fetch });
    expect(await service.call('settings.get', {})).toMatchObject({
      secretStorage: 'passphrase',
      lock: 'setup',
      hasPrivateKey: true,
    });
    await expect(service.call('grants.load', { org: 'acme', refresh: true })).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringMatching(/Choose one/),
    });
    await expect(service.call('unlock', { passphrase: PASSPHRASE, confirm: 'typo' })).rejects.toMatchObject({
      code: 'validation',
    });
    expect(await service.call('unlock', { passphrase: PASSPHRASE, confirm: PASSPHRASE })).toMatchObject({
      lock: 'unlocked',
      hasPrivateKey: true,
    });
    expect(await dump('patrol-secrets', 'secrets')).toBe(''); // the old key and ciphertext are gone
    expect((await service.call('grants.load', { org: 'acme', refresh: true })).count).toBe(5);
    await vault.lock();
    await service.call('unlock', { passphrase: PASSPHRASE });
    expect(await service.call('settings.get', {})).toMatchObject({
      lock: 'unlocked',
      hasPrivateKey: true,
    });
  });
});

describe('the other places', () => {
  it('For this browser session only: nothing in IndexedDB or storage.local', async () => {
    const { service, saved } = await privateKeyWorker('session');
    expect(saved).toMatchObject({ lock: 'open', hasPrivateKey: true });
    await service.call('grants.load', { org: 'acme', refresh: true });
    expect(await dump('patrol-vault', 'vault')).toBe('');
    expect(await dump('patrol-secrets', 'secrets')).toBe('');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(pemBody());
    expect(await sessionStore().get('privateKey')).toContain('PRIVATE KEY');
  });

  it('switching places moves the secret and leaves no copy behind', async () => {
    const { service } = await privateKeyWorker('device');
    expect(await deviceStore().names()).toEqual(['privateKey']);
    await service.call('settings.save', {
      mode: 'private-key',
      clientId: fake.app.clientId,
      apiBaseUrl: 'https://api.github.com',
      secretStorage: 'passphrase',
      passphrase: PASSPHRASE,
    });
    expect(await dump('patrol-secrets', 'secrets')).toBe('');
    expect(await vault.store().names()).toEqual(['privateKey']);
    expect((await service.call('grants.load', { org: 'acme', refresh: true })).count).toBe(5);
  });
});

describe('Sign out', () => {
  it('wipes secrets, inventories, repository lists and finished jobs; the log only when asked', async () => {
    const { service } = await privateKeyWorker('passphrase', PASSPHRASE);
    const loaded = await service.call('grants.load', { org: 'acme', refresh: true });
    const chunk = await service.call('grants.read', { org: 'acme', loadedAt: loaded.loadedAt, offset: 0 });
    const grantId = chunk.tokens[0]?.grantId as number;
    await service.call('grants.repositories', { org: 'acme', grantIds: [grantId] });
    await service.call('jobs.start', { kind: 'revoke', org: 'acme', ids: [grantId] });
    // Finished means logged too: the job may save "done" a moment before its log entries land.
    await expect
      .poll(
        async () =>
          `${(await service.call('jobs.latest', { org: 'acme' }))?.phase} ${(await service.call('log.list', {})).length}`,
        { timeout: 15_000 },
      )
      .toBe('done 1');
    await new Promise((resolve) => setTimeout(resolve, 50)); // the run's last save
    await set('stray', 1, createStore('patrol-secrets', 'secrets'));
    await sessionStore().set('userAuth', { refreshToken: 'ghr_x' });
    expect(await service.call('log.list', {})).toHaveLength(1);

    const after = await service.call('signout', {});
    expect(after).toMatchObject({ hasPrivateKey: false, stored: false, lock: 'open' });
    expect(await dump('patrol-vault', 'vault')).toBe('');
    expect(await dump('patrol-secrets', 'secrets')).toBe('');
    expect(await dump('patrol-grants', 'grants')).toBe('');
    expect(await dump('patrol-repositories', 'repositories')).toBe('');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toMatch(/ghr_|vault-key|ghs_/);
    expect(await service.call('jobs.latest', { org: 'acme' })).toBeNull();
    expect(await service.call('log.list', {})).toHaveLength(1); // the owner's record stays
    // Nothing is served from a cache without a credential.
    await expect(service.call('grants.load', { org: 'acme', refresh: false })).rejects.toThrow(
      /not signed in/,
    );
    await expect(service.call('orgs.list', {})).rejects.toThrow(/not signed in/);

    await service.call('signout', { clearLog: true });
    expect(await service.call('log.list', {})).toEqual([]);
  });
});

describe('installation tokens', () => {
  it('never returns an installation token past its expiry, and prunes it from storage', async () => {
    const soon = new Date(Date.now() + 30_000).toISOString(); // inside the one-minute margin
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await installationTokenCache.set('old', `ghs_old|x|${soon}|all|`);
    await installationTokenCache.set('new', `ghs_new|x|${later}|all|`);
    expect(await installationTokenCache.get('old')).toBeUndefined();
    expect(await installationTokenCache.get('new')).toBe(`ghs_new|x|${later}|all|`);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('ghs_old');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('ghs_');
  });
});
