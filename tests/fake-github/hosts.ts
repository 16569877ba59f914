// Which GitHub a Host header names, the way GitHub lays its hosts out:
// - github.com: REST at https://api.github.com, web and OAuth at https://github.com;
// - GHE.com (data residency, docs "About GitHub Enterprise Cloud with data residency"): REST at
//   https://api.SUBDOMAIN.ghe.com (no /api/v3), web and OAuth at https://SUBDOMAIN.ghe.com;
// - anything else is GitHub Enterprise Server: REST under https://HOST/api/v3, web at the root.
import { type Bases, DOTCOM } from './render.ts';

/** The data-residency subdomain the fake's certificate and Chromium's resolver rules cover. */
export const GHE_SUBDOMAIN = 'octocorp';
export const GHE_WEB_HOST = `${GHE_SUBDOMAIN}.ghe.com`;
export const GHE_API_HOST = `api.${GHE_SUBDOMAIN}.ghe.com`;

export type HostKind = 'dotcom' | 'ghe.com' | 'ghes';

export interface HostRoute {
  kind: HostKind;
  site: 'rest' | 'web';
  bases: Bases;
  /** The REST path without GHES's /api/v3 prefix (web: the path as is). */
  path: string;
}

export function routeHost(host: string, pathname: string): HostRoute {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  if (hostname === 'github.com' || hostname === 'api.github.com') {
    return {
      kind: 'dotcom',
      site: hostname === 'api.github.com' ? 'rest' : 'web',
      bases: DOTCOM,
      path: pathname,
    };
  }
  const ghe = /^(api\.)?([a-z0-9-]+)\.ghe\.com$/.exec(hostname);
  if (ghe) {
    const bases = { api: `https://api.${ghe[2]}.ghe.com`, web: `https://${ghe[2]}.ghe.com` };
    return { kind: 'ghe.com', site: ghe[1] ? 'rest' : 'web', bases, path: pathname };
  }
  const bases = { api: `https://${host}/api/v3`, web: `https://${host}` };
  const rest = pathname === '/api/v3' || pathname.startsWith('/api/v3/');
  return {
    kind: 'ghes',
    site: rest ? 'rest' : 'web',
    bases,
    path: rest ? pathname.slice('/api/v3'.length) || '/' : pathname,
  };
}
