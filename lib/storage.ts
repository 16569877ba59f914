// Storage items that hold no secret: any extension context may read them, a content
// script included. Secrets live in lib/worker/secrets.ts, reachable from the worker only.
import { storage } from 'wxt/utils/storage';
import type { CredentialMode, SecretStorage } from './protocol';

export { hostOriginsOf, webHostOf } from './hosts';

export const DEFAULT_API_BASE_URL = 'https://api.github.com';

export interface Settings {
  mode: CredentialMode | null;
  clientId: string;
  apiBaseUrl: string;
  secretStorage: SecretStorage;
}

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: { mode: null, clientId: '', apiBaseUrl: DEFAULT_API_BASE_URL, secretStorage: 'passphrase' },
  version: 2,
  migrations: {
    // Version 1's "encrypted" kept its key beside the ciphertext. It becomes "Locked with a
    // passphrase": the secrets stay put until the owner chooses one (lib/worker/keeper.ts).
    2: (old: Omit<Settings, 'secretStorage'> & { secretStorage: string }): Settings => ({
      ...old,
      secretStorage: old.secretStorage === 'session' ? 'session' : 'passphrase',
    }),
  },
});

/** The login of the signed-in user (device flow) or the app's slug: shown, not secret. */
export const identityItem = storage.defineItem<string | null>('local:identity', { fallback: null });

/** Validates and normalises an API base URL typed by the owner. Throws with what to type. */
export function normaliseApiBaseUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  if (trimmed === '') return DEFAULT_API_BASE_URL;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error('The API base URL is not a URL. Use https://api.github.com or https://HOST/api/v3.');
  }
  if (url.protocol !== 'https:') throw new Error('The API base URL must start with https://.');
  if (url.search || url.hash || url.username || url.password) {
    throw new Error('The API base URL must not carry a query, fragment or credentials.');
  }
  return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
}
