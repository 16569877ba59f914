// Whether the browser lets PATrol reach GitHub. Chrome grants the manifest's host permissions
// at install; Firefox shows them at install too, but the owner can withdraw them at any time
// (Add-ons manager → PATrol → Permissions), and then the panel silently never appears. The
// options page and the popup check, say so, and ask again from a click.
import { browser } from 'wxt/browser';

/** The manifest's host_permissions, kept in step with wxt.config.ts by tests/store. */
export const GITHUB_ORIGINS = ['https://github.com/*', 'https://api.github.com/*'] as const;

/** The host patterns the browser does not currently grant. */
export async function missingHostAccess(): Promise<string[]> {
  const granted = await Promise.all(
    GITHUB_ORIGINS.map((origin) => browser.permissions.contains({ origins: [origin] })),
  );
  return GITHUB_ORIGINS.filter((_, i) => !granted[i]);
}

/** Asks for the missing hosts; must run in a click handler (browsers require a user action). */
export function requestHostAccess(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}

/** Calls back whenever a permission is granted or withdrawn; returns the unsubscribe. */
export function onHostAccessChange(listener: () => void): () => void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}
