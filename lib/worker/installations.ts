// The installation id of the App on each org, found once and remembered in storage.local
// (an id is not a secret). Keyed by API base, App and org, so a new App finds its own.
import { browser } from 'wxt/browser';
import type { GitHubClient } from '../github/client';
import { findOrgInstallation } from '../github/installation';
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
  const id = await findOrgInstallation(await appClient(), org);
  await browser.storage.local.set({ [KEY]: { ...(await known()), [keyOf(settings, org)]: id } });
  return id;
}

export async function forgetInstallation(settings: Settings, org: string): Promise<void> {
  const installations = await known();
  delete installations[keyOf(settings, org)];
  await browser.storage.local.set({ [KEY]: installations });
}

export async function forgetAllInstallations(): Promise<void> {
  await browser.storage.local.remove(KEY);
}
