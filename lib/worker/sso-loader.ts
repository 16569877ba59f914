// The SSO credentials of an org, loaded from GitHub and kept in the worker's memory only (never
// written to disk: a restarted worker loads them again), one load at a time per org. Also says
// why an org has none to show: GHES (no such endpoint; not even asked), no SAML (404), or the
// App lacking "Administration" (403).
import type { GitHubClient } from '../github/client';
import { listCredentialAuthorizations } from '../github/credential-authorizations';
import { webHostOf } from '../hosts';
import type { SsoMeta } from '../protocol';
import type { SsoCredential } from '../sso/credential';

export interface LoadedSso {
  org: string;
  loadedAt: number;
  credentials: SsoCredential[];
}

export const ADMINISTRATION_HELP =
  'In the GitHub App settings, under Permissions → Organization permissions, set "Administration" to "Read-only" to list SSO credentials, or "Read and write" to remove authorizations; then have an owner accept the new permissions on the installation.';

const memory = new Map<string, LoadedSso>();
const loads = new Map<string, Promise<LoadedSso>>();
const keyOf = (org: string) => org.toLowerCase();

export const readSso = (org: string): LoadedSso | undefined => memory.get(keyOf(org));

/** Sign-out: nothing of the old credential stays. */
export function forgetSso(): void {
  memory.clear();
}

/** github.com and GHE.com (data residency) are GitHub Enterprise Cloud hosts; anything else is GHES. */
export function isEnterpriseServer(apiBaseUrl: string): boolean {
  const web = webHostOf(apiBaseUrl);
  return web !== 'github.com' && !web.endsWith('.ghe.com');
}

export function createSsoLoader(deps: {
  client: (org: string) => Promise<GitHubClient>;
  apiBaseUrl: () => Promise<string>;
  now: () => number;
}) {
  function load(org: string): Promise<LoadedSso> {
    const key = keyOf(org);
    const running = loads.get(key);
    if (running) return running;
    const next = (async () => {
      try {
        const credentials = await listCredentialAuthorizations(await deps.client(org), org);
        const loaded = { org, loadedAt: deps.now(), credentials };
        memory.set(key, loaded);
        return loaded;
      } finally {
        loads.delete(key);
      }
    })();
    loads.set(key, next);
    return next;
  }

  /** The load's meta, or the designed state that explains an empty tab; other errors throw. */
  async function meta(org: string, refresh: boolean): Promise<SsoMeta> {
    if (isEnterpriseServer(await deps.apiBaseUrl())) {
      return {
        org,
        state: 'ghes',
        message:
          'GitHub Enterprise Server has no SAML credential authorizations API: SSO credentials are listed only on GitHub Enterprise Cloud. Review them in the site admin dashboard instead.',
      };
    }
    try {
      const loaded = (!refresh && readSso(org)) || (await load(org));
      return { org, state: 'ok', loadedAt: loaded.loadedAt, count: loaded.credentials.length };
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404) {
        return {
          org,
          state: 'no_saml',
          message: `GitHub lists no SSO credential authorizations for ${org}: it does not use SAML single sign-on (a GitHub Enterprise Cloud feature). To use it, enable SAML under Organization settings → Authentication security → "Enable SAML authentication".`,
        };
      }
      if (
        status === 403 &&
        !(error as { response?: { headers?: Record<string, string> } }).response?.headers?.['x-github-sso']
      ) {
        const body = (error as { response?: { data?: { message?: string } } }).response?.data?.message ?? '';
        if (/not accessible|permission/i.test(body)) {
          return {
            org,
            state: 'no_permission',
            message: `The GitHub App lacks the organization permission "Administration". ${ADMINISTRATION_HELP}`,
          };
        }
      }
      throw error;
    }
  }

  /** The ids of `ids` GitHub still lists, from a fresh load (the cache is updated with it). */
  async function stillListed(org: string, ids: readonly number[]): Promise<Set<number>> {
    const wanted = new Set(ids);
    const loaded = await load(org);
    return new Set(loaded.credentials.map((c) => c.credentialId).filter((id) => wanted.has(id)));
  }

  return { load, meta, stillListed };
}

export type SsoLoader = ReturnType<typeof createSsoLoader>;
