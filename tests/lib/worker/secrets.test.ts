import { createStore, entries, get } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Credentials } from '../../../lib/worker/credentials';
import { encryptedStore, sessionStore } from '../../../lib/worker/secrets';
import { installationTokenCache } from '../../../lib/worker/token-cache';

const SECRET = { refreshToken: 'ghr_supersecretrefresh', token: 'ghu_usertoken' };

beforeEach(() => fakeBrowser.reset());

describe('secrets at rest', () => {
  it('seals secrets in IndexedDB: the stored bytes do not contain the plain text', async () => {
    const store = encryptedStore();
    await store.set('userAuth', SECRET);
    expect(await store.get('userAuth')).toEqual(SECRET);
    const raw = await entries(createStore('patrol-secrets', 'secrets'));
    const dump = raw.map(([key, value]) => `${String(key)}:${JSON.stringify(value)}`).join('\n');
    expect(dump).not.toContain('ghr_');
    expect(dump).not.toContain('ghu_');
    const sealed = raw.find(([key]) => key === 'userAuth')?.[1] as { data: ArrayBuffer };
    expect(new TextDecoder().decode(sealed.data)).not.toContain('ghr_');
  });

  it('keeps the sealing key non-extractable', async () => {
    await encryptedStore().set('x', 1);
    const key = await get<CryptoKey>('__sealing-key', createStore('patrol-secrets', 'secrets'));
    expect(key?.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key as CryptoKey)).rejects.toThrow();
  });

  it('keeps session-only secrets in storage.session, never in storage.local', async () => {
    await sessionStore().set('userAuth', SECRET);
    expect(await sessionStore().get('userAuth')).toEqual(SECRET);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('ghr_');
  });

  it('signing out wipes both stores and the installation token cache', async () => {
    await encryptedStore().set('userAuth', SECRET);
    await sessionStore().set('privateKey', 'PEM');
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    await installationTokenCache.set('1', `ghs_abc|2026-01-01T00:00:00Z|${expiresAt}|all|`);
    await new Credentials().signOut();
    expect(await encryptedStore().get('userAuth')).toBeUndefined();
    expect(await sessionStore().get('privateKey')).toBeUndefined();
    expect(await installationTokenCache.get('1')).toBeUndefined();
  });

  it('never returns an installation token past its expiry, and prunes it from storage', async () => {
    const soon = new Date(Date.now() + 30_000).toISOString(); // inside the one-minute margin
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await installationTokenCache.set('old', `ghs_old|x|${soon}|all|`);
    await installationTokenCache.set('new', `ghs_new|x|${later}|all|`);
    expect(await installationTokenCache.get('old')).toBeUndefined();
    expect(await installationTokenCache.get('new')).toBe(`ghs_new|x|${later}|all|`);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('ghs_old');
  });
});
