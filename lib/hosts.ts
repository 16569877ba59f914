// Which hosts a GitHub lives on, from its API base URL: github.com (api.github.com), GitHub
// Enterprise Cloud with data residency (api.SUBDOMAIN.ghe.com for the API, SUBDOMAIN.ghe.com for
// the web, OAuth and the panel), or GitHub Enterprise Server (one HOST, the API under /api/v3).
// Pure functions: the options page, the worker and the router all use them.

/** The web host of an API base URL: api.github.com → github.com, HOST/api/v3 → HOST. */
export function webHostOf(apiBaseUrl: string): string {
  const url = new URL(apiBaseUrl);
  if (url.hostname === 'api.github.com') return 'github.com';
  if (/^api\..+\.ghe\.com$/.test(url.hostname)) return url.hostname.slice(4);
  return url.host;
}

/**
 * The origins PATrol must be granted at run time for an API base URL: none for github.com
 * (granted at install); the one host of a GHES; both hosts of GHE.com (data residency), whose
 * web host serves the device flow's OAuth endpoints and the panel. Without the web host,
 * Chromium sends the token POST as a CORS request, and it fails as "Failed to fetch".
 */
export function hostOriginsOf(apiBaseUrl: string): string[] {
  const api = new URL(apiBaseUrl);
  if (api.hostname === 'api.github.com') return [];
  const web = `https://${webHostOf(apiBaseUrl)}`;
  return api.origin === web ? [api.origin] : [api.origin, web];
}
