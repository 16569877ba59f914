// Pure URL detection for the pages PATrol enhances. Takes the URL and the allowed web hosts
// as arguments (no `location`, no storage) so it is trivially testable with it.each tables.

/** GitHub's org login rule as PATrol checks it: letters, digits and hyphens, not first, at most 39 characters. */
export const ORG_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** Whether text is a well-formed org login (the panel frame, the popup, the worker and the CLI check it). */
export function isOrgLogin(text: string): boolean {
  return ORG_LOGIN.test(text);
}

/**
 * The org of an Active tokens page (`https://{host}/organizations/{org}/settings/personal-access-tokens/active`),
 * or null for any other page. `webHosts` are github.com and a configured GHES host
 * (`host[:port]`, as `URL#host` writes it). A trailing slash is tolerated; a longer path is not.
 */
export function activeTokensOrg(url: URL, webHosts: readonly string[]): string | null {
  const page = settingsPage(url, webHosts);
  return page?.page === 'active' ? page.org : null;
}

/** The PAT settings pages that get a panel: Active tokens and Pending requests. */
export type PanelPage = 'active' | 'requests';

/**
 * The org and page of an Active tokens page or a Pending requests page
 * (`…/settings/personal-access-token-requests`), or null for any other page.
 */
export function settingsPage(url: URL, webHosts: readonly string[]): { org: string; page: PanelPage } | null {
  if (url.protocol !== 'https:') return null;
  const host = url.host.toLowerCase();
  if (!webHosts.some((allowed) => allowed.toLowerCase() === host)) return null;
  const parts = url.pathname.replace(/\/$/, '').split('/');
  // ['', 'organizations', org, 'settings', 'personal-access-tokens', 'active'], or
  // ['', 'organizations', org, 'settings', 'personal-access-token-requests']
  if (parts[0] !== '') return null;
  const [, root, rawOrg, settings, section, tab] = parts;
  if (root !== 'organizations' || settings !== 'settings') return null;
  let page: PanelPage;
  if (parts.length === 6 && section === 'personal-access-tokens' && tab === 'active') page = 'active';
  else if (parts.length === 5 && section === 'personal-access-token-requests') page = 'requests';
  else return null;
  let org: string;
  try {
    org = decodeURIComponent(rawOrg ?? '');
  } catch {
    return null;
  }
  return ORG_LOGIN.test(org) ? { org, page } : null;
}

/** The web hosts the panel runs on: github.com plus the configured one (GHES), deduplicated. */
export function panelWebHosts(configured: string | null | undefined): string[] {
  const hosts = ['github.com'];
  if (configured && configured.toLowerCase() !== 'github.com') hosts.push(configured.toLowerCase());
  return hosts;
}
