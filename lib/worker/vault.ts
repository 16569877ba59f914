// "Locked with a passphrase": secrets sealed with AES-GCM under a key derived from the
// owner's passphrase by Argon2id (memory-hard, so a copied profile cannot be brute-forced on
// GPUs cheaply). On disk: the salt, the KDF parameters, a sealed check value and the sealed
// secrets, nothing else. The derived key lives in this worker's memory and in
// storage.session (memory only, dropped when the browser closes, closed to content scripts),
// so the owner unlocks once per browser session, not once per worker restart.
import { argon2id } from 'hash-wasm';
import { createStore, del, get, set } from 'idb-keyval';
import { browser } from 'wxt/browser';
import { PatrolError } from '../errors';
import { type Sealed, type SecretStore, seal, sealedStore, unseal } from './secrets';

export interface KdfParams {
  /** KiB. */
  memorySize: number;
  iterations: number;
  parallelism: number;
}

/** RFC 9106's second recommended option (64 MiB, 3 passes): about 0.3 s here, once a session. */
export const DEFAULT_KDF: KdfParams = { memorySize: 65_536, iterations: 3, parallelism: 1 };
export const MIN_PASSPHRASE_LENGTH = 8;

interface Header {
  v: 1;
  kdf: 'argon2id';
  salt: Uint8Array<ArrayBuffer>;
  params: KdfParams;
  /** A known value sealed with the key: opening it tells a right passphrase from a wrong one. */
  check: Sealed;
}

const db = () => createStore('patrol-vault', 'vault');
const HEADER = '__header';
const CHECK = 'patrol-vault-check';
const SESSION_KEY = 'vault-key';

export class LockedError extends PatrolError {
  override name = 'LockedError';
  constructor(
    message = 'PATrol is locked. Unlock it with your passphrase (in the popup, the panel or on the options page), then try again.',
  ) {
    super('locked', message);
  }
}

export class WrongPassphraseError extends PatrolError {
  override name = 'WrongPassphraseError';
  constructor() {
    super(
      'wrong_passphrase',
      'That passphrase is wrong: PATrol is still locked. Type it again (it is case-sensitive).',
    );
  }
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** The derived key in worker memory, tagged with the salt of the header it belongs to. */
let remembered: { salt: string; key: CryptoKey } | undefined;

async function derive(passphrase: string, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  return argon2id({
    password: passphrase.normalize('NFC'),
    salt,
    ...params,
    hashLength: 32,
    outputType: 'binary',
  });
}

async function importKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Keeps the raw key for this browser session: in memory here, and in storage.session. */
async function remember(salt: Uint8Array, raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const key = await importKey(raw);
  remembered = { salt: toBase64(salt), key };
  // storage.session is closed to content scripts: see keepSessionStorageTrusted().
  await browser.storage.session.set({ [SESSION_KEY]: { salt: toBase64(salt), key: toBase64(raw) } });
  return key;
}

async function header(): Promise<Header | undefined> {
  return get<Header>(HEADER, db());
}

/** The key of the current header, if this browser session unlocked it. */
async function currentKey(): Promise<CryptoKey | undefined> {
  const found = await header();
  if (!found) return undefined;
  const salt = toBase64(found.salt);
  if (remembered?.salt === salt) return remembered.key;
  const stored = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY] as
    | { salt: string; key: string }
    | undefined;
  if (stored?.salt !== salt) return undefined;
  const key = await importKey(fromBase64(stored.key));
  remembered = { salt, key };
  return key;
}

export const vault = {
  /** Whether a passphrase was ever set (a header is on disk). */
  async exists(): Promise<boolean> {
    return (await header()) !== undefined;
  },

  async isUnlocked(): Promise<boolean> {
    return (await currentKey()) !== undefined;
  },

  /** A new passphrase: a new salt and key, and every previously sealed entry dropped. */
  async create(passphrase: string, params: KdfParams = DEFAULT_KDF): Promise<void> {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const raw = new Uint8Array(await derive(passphrase, salt, params));
    await this.destroy();
    const key = await remember(salt, raw);
    await set(
      HEADER,
      { v: 1, kdf: 'argon2id', salt, params, check: await seal(key, CHECK) } satisfies Header,
      db(),
    );
  },

  /** Opens the vault for this browser session; throws WrongPassphraseError. */
  async unlock(passphrase: string): Promise<void> {
    const found = await header();
    if (!found) throw new LockedError('No passphrase is set yet. Choose one on the PATrol options page.');
    const raw = new Uint8Array(await derive(passphrase, found.salt, found.params));
    if ((await unseal<string>(await importKey(raw), found.check)) !== CHECK) throw new WrongPassphraseError();
    await remember(found.salt, raw);
  },

  /** Forgets the key for this session: the vault stays on disk, locked. */
  async lock(): Promise<void> {
    remembered = undefined;
    await browser.storage.session.remove(SESSION_KEY);
  },

  /** Removes the vault and its key: the passphrase no longer exists. */
  async destroy(): Promise<void> {
    await this.lock();
    await this.store().clear();
    await del(HEADER, db());
  },

  /** The sealed secrets; reading or writing one while locked throws LockedError. */
  store(): SecretStore {
    return sealedStore(db, async () => {
      const key = await currentKey();
      if (!key) throw new LockedError();
      return key;
    });
  },
};

/**
 * Chrome's default already keeps storage.session from content scripts; the worker says so
 * explicitly at start-up, so no later change (here or in Chrome) widens it unnoticed.
 * Firefox has no such call and never exposes storage.session to content scripts.
 */
export async function keepSessionStorageTrusted(): Promise<void> {
  const session = browser.storage.session as {
    setAccessLevel?: (o: { accessLevel: string }) => Promise<void>;
  };
  await session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
}
