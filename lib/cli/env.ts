// Credentials from the environment (PRODUCT.md "Command line"): the App's ID or Client ID,
// its private key as PEM text or a file, and the API base URL (github.com, GHE.com's
// api.SUBDOMAIN.ghe.com, or a GHES https://HOST/api/v3). Checked before any request, with
// the extension's own key checks (lib/github/keys.ts).
import { readFile } from 'node:fs/promises';
import { checkPrivateKey } from '../github/keys';
import { webHostOf } from '../hosts';
import { CredentialError } from './exit';

export interface CliCredentials {
  appId: string;
  /** PKCS#8 PEM (GitHub's PKCS#1 is converted). */
  privateKey: string;
  apiBaseUrl: string;
  webHost: string;
}

export const DEFAULT_API_URL = 'https://api.github.com';
// App IDs are numbers; Client IDs start with Iv1. or Iv23 (GitHub's formats today).
const APP_ID = /^(?:\d{1,12}|Iv[0-9A-Za-z.]{8,40})$/;

export function apiBaseUrlOf(raw: string | undefined): string {
  const text = (raw ?? '').trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CredentialError(
      'not_configured',
      `PATROL_API_URL "${text}" is not a URL; for GitHub Enterprise Server use https://HOST/api/v3.`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new CredentialError('not_configured', `PATROL_API_URL must use https, not ${url.protocol}`);
  }
  return url.href.replace(/\/+$/, '');
}

export async function credentialsFromEnv(env: NodeJS.ProcessEnv): Promise<CliCredentials> {
  const appId = (env.PATROL_APP_ID ?? '').trim();
  if (appId === '') {
    throw new CredentialError(
      'not_configured',
      "PATROL_APP_ID is not set: set it to the GitHub App's App ID or Client ID.",
    );
  }
  if (!APP_ID.test(appId)) {
    throw new CredentialError(
      'bad_app_id',
      `PATROL_APP_ID "${appId.slice(0, 40)}" is neither an App ID (a number) nor a Client ID (Iv…); copy it from the GitHub App's settings page.`,
    );
  }
  let pem = env.PATROL_PRIVATE_KEY ?? '';
  const file = env.PATROL_PRIVATE_KEY_FILE ?? '';
  if (pem.trim() === '' && file !== '') {
    try {
      pem = await readFile(file, 'utf8');
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new CredentialError('bad_key', `PATROL_PRIVATE_KEY_FILE ${file} cannot be read (${why}).`);
    }
  }
  if (pem.trim() === '') {
    throw new CredentialError(
      'not_configured',
      "No private key: set PATROL_PRIVATE_KEY to the App's .pem text or PATROL_PRIVATE_KEY_FILE to its path.",
    );
  }
  const apiBaseUrl = apiBaseUrlOf(env.PATROL_API_URL);
  return { appId, privateKey: await checkPrivateKey(pem), apiBaseUrl, webHost: webHostOf(apiBaseUrl) };
}
