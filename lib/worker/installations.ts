// The installation id of the App on each org, found once and remembered in storage.local
// (an id is not a secret). Keyed by API base, App and org, so a new App finds its own.
import { browser } from 'wxt/browser';
import { PatrolError } from '../errors';
import type { GitHubClient } from '../github/client';
import type { Settings } from '../storage';

const KEY = 'installations';
type Known = Record<string, number>;

const keyOf = (settings: Settings, org: string) =>
  `${settings.apiBaseUrl}|${settings.clientId}|${org.toLowerCase()}`;

async function known(): Promise<Known> {
  return ((await browser.storage.local.get(KEY))[KEY] ?? {}) as Known;
}

export async function installationIdFor(
  settings: Settings,
  org: string,
  appClient: () => Promise<GitHubClient>,
): Promise<number> {
  const installations = await known();
  const found = installations[keyOf(settings, org)];
  if (found) return found;
  const app = await appClient();
  const { data } = await app.rest.apps.getOrgInstallation({ org }).catch((error: { status?: number }) => {
    if (error.status !== 404) throw error;
    throw new PatrolError(
      'not_installed',
      `The GitHub App is not installed on ${org} (or ${org} does not exist). An owner of ${org} installs it from the App's settings page (Install App → ${org}); then try again.`,
    );
  });
  await browser.storage.local.set({ [KEY]: { ...(await known()), [keyOf(settings, org)]: data.id } });
  return data.id;
}

export async function forgetInstallation(settings: Settings, org: string): Promise<void> {
  const installations = await known();
  delete installations[keyOf(settings, org)];
  await browser.storage.local.set({ [KEY]: installations });
}

export async function forgetAllInstallations(): Promise<void> {
  await browser.storage.local.remove(KEY);
}
