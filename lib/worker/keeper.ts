// Which store a credential's secrets live in ("Where secrets are kept"), whether they can be
// read right now (the lock), moving them between stores, and wiping them. The only module
// that reads or writes a secret; lib/worker/credentials.ts asks it by name.
import { PatrolError } from '../errors';
import type { LockState, SecretStorage } from '../protocol';
import { deviceStore, type SecretStore, sessionStore } from './secrets';
import { LockedError, MIN_PASSPHRASE_LENGTH, vault } from './vault';

export const PRIVATE_KEY = 'privateKey';
export const USER_AUTH = 'userAuth';
export type Secrets = Partial<Record<typeof PRIVATE_KEY | typeof USER_AUTH, unknown>>;

const SETUP_MESSAGE =
  'PATrol is locked: it now protects stored secrets with a passphrase. Choose one (in the popup, the panel or on the options page) to unlock.';

function backend(storage: SecretStorage): SecretStore {
  if (storage === 'session') return sessionStore();
  if (storage === 'device') return deviceStore();
  return vault.store();
}

export async function lockState(storage: SecretStorage): Promise<LockState> {
  if (storage !== 'passphrase') return 'open';
  if (await vault.exists()) return (await vault.isUnlocked()) ? 'unlocked' : 'locked';
  return (await deviceStore().names()).length > 0 ? 'setup' : 'open';
}

/**
 * The store to read now, or undefined when nothing can be in it (passphrase mode before a
 * passphrase was chosen); throws LockedError while the secrets cannot be read.
 */
async function readable(storage: SecretStorage): Promise<SecretStore | undefined> {
  const state = await lockState(storage);
  if (state === 'setup') throw new LockedError(SETUP_MESSAGE);
  if (state === 'locked') throw new LockedError();
  if (storage === 'passphrase' && state === 'open') return undefined;
  return backend(storage);
}

/** Names of the secrets stored, found without unlocking anything. */
export async function storedNames(storage: SecretStorage): Promise<string[]> {
  if (storage === 'passphrase' && (await lockState(storage)) === 'setup') return deviceStore().names();
  return backend(storage).names();
}

export async function readSecret<T>(storage: SecretStorage, name: string): Promise<T | undefined> {
  return (await readable(storage))?.get<T>(name);
}

/** Writing in passphrase mode needs a passphrase chosen and unlocked. */
export async function writeSecret(storage: SecretStorage, name: string, value: unknown): Promise<void> {
  if (storage === 'passphrase' && !(await vault.exists())) {
    throw new LockedError('Choose a passphrase on the PATrol options page (Save), then try again.');
  }
  await (await readable(storage))?.set(name, value);
}

export async function deleteSecret(storage: SecretStorage, name: string): Promise<void> {
  await backend(storage).delete(name);
}

export async function readAll(storage: SecretStorage): Promise<Secrets> {
  const store = await readable(storage);
  if (!store) return {};
  const [privateKey, userAuth] = await Promise.all([store.get(PRIVATE_KEY), store.get(USER_AUTH)]);
  return { privateKey, userAuth };
}

export function checkPassphrase(passphrase: string, confirm?: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new PatrolError(
      'validation',
      `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`,
    );
  }
  if (confirm !== undefined && confirm !== passphrase) {
    throw new PatrolError(
      'validation',
      'The two passphrases differ. Type the same one in "Confirm passphrase".',
    );
  }
}

/** Removes every secret from every store, the passphrase's vault included. */
export async function wipeAll(): Promise<void> {
  await Promise.all([vault.destroy(), sessionStore().clear(), deviceStore().clear()]);
}

/**
 * Puts these secrets, and only these, in `storage`: with a new passphrase when one is given
 * (passphrase mode keeps the current one otherwise, which must be unlocked).
 */
export async function replaceAll(
  storage: SecretStorage,
  secrets: Secrets,
  passphrase?: string,
): Promise<void> {
  if (storage === 'passphrase' && passphrase === undefined && !(await vault.isUnlocked())) {
    throw new PatrolError(
      'validation',
      'Choose a passphrase: type it in "Passphrase" and again in "Confirm passphrase".',
    );
  }
  if (passphrase !== undefined) checkPassphrase(passphrase);
  await Promise.all([sessionStore().clear(), deviceStore().clear()]);
  if (storage !== 'passphrase') await vault.destroy();
  else if (passphrase !== undefined) await vault.create(passphrase);
  const store = backend(storage);
  await Promise.all([store.delete(PRIVATE_KEY), store.delete(USER_AUTH)]);
  for (const [name, value] of Object.entries(secrets)) if (value !== undefined) await store.set(name, value);
}

/**
 * Unlocks passphrase mode. In setup, `confirm` must repeat the new passphrase, and the
 * secrets an older PATrol kept without one move into the vault (nothing is lost).
 */
export async function unlock(storage: SecretStorage, passphrase: string, confirm?: string): Promise<void> {
  const state = await lockState(storage);
  if (state === 'locked') return vault.unlock(passphrase);
  if (state !== 'setup') return;
  checkPassphrase(passphrase, confirm ?? '');
  const device = deviceStore();
  const secrets: Secrets = {
    privateKey: await device.get(PRIVATE_KEY),
    userAuth: await device.get(USER_AUTH),
  };
  await vault.create(passphrase);
  const store = vault.store();
  for (const [name, value] of Object.entries(secrets)) if (value !== undefined) await store.set(name, value);
  await device.clear();
}
