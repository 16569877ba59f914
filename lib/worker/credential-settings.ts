// Saving the credential settings (validated before anything changes), what any extension
// page may see of them, unlocking, and signing out.

import * as cache from '../cache';
import { checkPrivateKey } from '../github/keys';
import type { CredentialMode, PublicSettings, SecretStorage } from '../protocol';
import { identityItem, normaliseApiBaseUrl, type Settings, settingsItem, webHostOf } from '../storage';
import { NotConfiguredError } from './credentials';
import { clearPendingCode } from './device-flow';
import { forgetAllInstallations } from './installations';
import {
  lockState,
  PRIVATE_KEY,
  readAll,
  replaceAll,
  storedNames,
  USER_AUTH,
  unlock,
  wipeAll,
} from './keeper';
import { installationTokenCache } from './token-cache';

export interface SaveInput {
  mode: CredentialMode;
  clientId: string;
  apiBaseUrl: string;
  privateKey?: string;
  secretStorage: SecretStorage;
  passphrase?: string;
}

export async function publicSettings(): Promise<PublicSettings> {
  const settings = await settingsItem.getValue();
  const [lock, names, identity, cached] = await Promise.all([
    lockState(settings.secretStorage),
    storedNames(settings.secretStorage),
    identityItem.getValue(),
    cache.hasCachedData(),
  ]);
  return {
    mode: settings.mode,
    clientId: settings.clientId,
    apiBaseUrl: settings.apiBaseUrl,
    webHost: webHostOf(settings.apiBaseUrl),
    hasPrivateKey: names.includes(PRIVATE_KEY),
    // The login is not a secret (it is stored beside the settings), so it shows while locked.
    signedInAs: settings.mode === 'device' && names.includes(USER_AUTH) ? identity || null : null,
    secretStorage: settings.secretStorage,
    lock,
    stored: names.length > 0 || cached,
  };
}

/** Tokens minted for the previous credential, and a sign-in half done, mean nothing now. */
async function forgetDerived(): Promise<void> {
  await installationTokenCache.clear();
  await clearPendingCode();
  await forgetAllInstallations();
}

export async function saveSettings(input: SaveInput): Promise<PublicSettings> {
  const clientId = input.clientId.trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(clientId)) {
    throw new NotConfiguredError(
      "Enter the GitHub App's Client ID (like Iv23li…) or its numeric App ID, from the App settings page.",
    );
  }
  const apiBaseUrl = normaliseApiBaseUrl(input.apiBaseUrl);
  const previous = await settingsItem.getValue();
  const pkcs8 = input.privateKey?.trim() ? await checkPrivateKey(input.privateKey) : undefined;
  const identityChanged = previous.clientId !== clientId || previous.apiBaseUrl !== apiBaseUrl;
  // Secrets an older PATrol kept without a passphrase move under the one chosen now.
  if (input.passphrase !== undefined && (await lockState(previous.secretStorage)) === 'setup') {
    await unlock(previous.secretStorage, input.passphrase, input.passphrase);
  }
  // Moving secrets needs them readable: a locked PATrol is unlocked first (this throws so).
  const carried = await readAll(previous.secretStorage);
  const carriedKey = carried.privateKey as string | undefined;
  if (input.mode === 'private-key' && !pkcs8 && (!carriedKey || identityChanged)) {
    throw new NotConfiguredError("Paste the App's private key (.pem) to use private-key mode.");
  }
  const next: Settings = { mode: input.mode, clientId, apiBaseUrl, secretStorage: input.secretStorage };
  await replaceAll(
    next.secretStorage,
    {
      privateKey: input.mode === 'private-key' ? (pkcs8 ?? carriedKey) : undefined,
      userAuth: input.mode === 'device' && !identityChanged ? carried.userAuth : undefined,
    },
    input.passphrase,
  );
  await forgetDerived();
  await settingsItem.setValue(next);
  if (identityChanged) await identityItem.setValue(null);
  return publicSettings();
}

export async function unlockSecrets(passphrase: string, confirm?: string): Promise<PublicSettings> {
  await unlock((await settingsItem.getValue()).secretStorage, passphrase, confirm);
  return publicSettings();
}

/**
 * Removes every secret, in every store, and what PATrol derived from them. The settings
 * (Client ID, API base URL, mode) stay: they are not secret and save retyping.
 */
export async function signOutSecrets(): Promise<void> {
  await wipeAll();
  await forgetDerived();
  await identityItem.setValue(null);
}
