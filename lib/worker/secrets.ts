// Where secrets (a private key, a refresh token) physically live, one backend per place.
// Which backend a credential uses, and whether it is unlocked, is lib/worker/keeper.ts's
// business; the passphrase and its derived key are lib/worker/vault.ts's.
//
// - sessionStore: storage.session, in the browser's memory only (never on disk). Chrome
//   keeps storage.session from content scripts (TRUSTED_CONTEXTS); vault.ts sets that
//   explicitly too.
// - sealedStore: IndexedDB entries sealed with AES-GCM under a key the caller supplies. With
//   the passphrase-derived key this is "Locked with a passphrase".
// - deviceStore: "On this computer without a passphrase". Sealed under a non-extractable key
//   kept in the same database: that hides the PEM from a casual search of the disk, but
//   Chromium writes the key's raw bytes to disk, so a copy of the profile recovers the secret.
//   The options page says so. (This is also where PATrol before version 0.2 kept secrets.)
import { clear, createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { browser } from 'wxt/browser';

export interface SecretStore {
  get<T>(name: string): Promise<T | undefined>;
  set(name: string, value: unknown): Promise<void>;
  delete(name: string): Promise<void>;
  /** The names stored, without decrypting anything. */
  names(): Promise<string[]>;
  /** Removes every entry. */
  clear(): Promise<void>;
}

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return { iv, data };
}

/** The sealed value, or undefined when the key does not open it (GCM's tag fails). */
export async function unseal<T>(key: CryptoKey, sealed: Sealed): Promise<T | undefined> {
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    return undefined;
  }
}

/** IndexedDB entries sealed with `key()`; names starting with "__" are the backend's own. */
export function sealedStore(db: () => UseStore, key: () => Promise<CryptoKey>): SecretStore {
  return {
    async get<T>(name: string) {
      const sealed = await get<Sealed>(name, db());
      return sealed ? unseal<T>(await key(), sealed) : undefined;
    },
    async set(name, value) {
      await set(name, await seal(await key(), value), db());
    },
    async delete(name) {
      await del(name, db());
    },
    async names() {
      return (await keys<string>(db())).filter((name) => !name.startsWith('__'));
    },
    async clear() {
      await clear(db());
    },
  };
}

const deviceDb = () => createStore('patrol-secrets', 'secrets');
const DEVICE_KEY = '__sealing-key';

async function deviceKey(): Promise<CryptoKey> {
  const existing = await get<CryptoKey>(DEVICE_KEY, deviceDb());
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  await set(DEVICE_KEY, key, deviceDb());
  return key;
}

export function deviceStore(): SecretStore {
  return sealedStore(deviceDb, deviceKey);
}

const SESSION_PREFIX = 'secret:';

export function sessionStore(): SecretStore {
  const area = () => browser.storage.session;
  return {
    async get<T>(name: string) {
      const key = SESSION_PREFIX + name;
      return (await area().get(key))[key] as T | undefined;
    },
    async set(name, value) {
      await area().set({ [SESSION_PREFIX + name]: value });
    },
    async delete(name) {
      await area().remove(SESSION_PREFIX + name);
    },
    async names() {
      return Object.keys(await area().get(null))
        .filter((key) => key.startsWith(SESSION_PREFIX))
        .map((key) => key.slice(SESSION_PREFIX.length));
    },
    async clear() {
      await area().remove((await this.names()).map((name) => SESSION_PREFIX + name));
    },
  };
}
