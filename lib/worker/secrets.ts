// Secrets (a private key, a refresh token) at rest. "encrypted" keeps them in the
// extension's own IndexedDB, sealed with a non-extractable AES-GCM key that lives in the
// same origin: a content script (page origin) cannot reach either, and a copied profile
// yields ciphertext plus a key the browser will not export. "session" keeps them in
// storage.session, which content scripts cannot read and the browser drops on exit.
import { createStore, del, get, set } from 'idb-keyval';
import { browser } from 'wxt/browser';

export interface SecretStore {
  get<T>(name: string): Promise<T | undefined>;
  set(name: string, value: unknown): Promise<void>;
  delete(name: string): Promise<void>;
}

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const idb = () => createStore('patrol-secrets', 'secrets');
const KEY_NAME = '__sealing-key';

async function sealingKey(): Promise<CryptoKey> {
  const store = idb();
  const existing = await get<CryptoKey>(KEY_NAME, store);
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  await set(KEY_NAME, key, store);
  return key;
}

export function encryptedStore(): SecretStore {
  return {
    async get<T>(name: string) {
      const sealed = await get<Sealed>(name, idb());
      if (!sealed) return undefined;
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: sealed.iv },
          await sealingKey(),
          sealed.data,
        );
        return JSON.parse(new TextDecoder().decode(plain)) as T;
      } catch {
        return undefined; // Sealed with a key that is gone: as good as absent.
      }
    },
    async set(name, value) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv },
        await sealingKey(),
        new TextEncoder().encode(JSON.stringify(value)),
      );
      await set(name, { iv, data } satisfies Sealed, idb());
    },
    async delete(name) {
      await del(name, idb());
    },
  };
}

const sessionKey = (name: string) => `secret:${name}`;

export function sessionStore(): SecretStore {
  return {
    async get<T>(name: string) {
      const key = sessionKey(name);
      const found = await browser.storage.session.get(key);
      return found[key] as T | undefined;
    },
    async set(name, value) {
      await browser.storage.session.set({ [sessionKey(name)]: value });
    },
    async delete(name) {
      await browser.storage.session.remove(sessionKey(name));
    },
  };
}

/** Both stores: reads look in either, so switching modes never strands a secret. */
export function secretStores(): { encrypted: SecretStore; session: SecretStore } {
  return { encrypted: encryptedStore(), session: sessionStore() };
}
