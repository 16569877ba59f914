// The SSO credentials of an org, loaded from GitHub and kept in the worker's memory only (never
// written to disk: a restarted worker loads them again), one load at a time per org. Also says
// why an org has none to show, in lib/sso/availability.ts's words (shared with the CLI).
import type { GitHubClient } from '../github/client';
import { listCredentialAuthorizations } from '../github/credential-authorizations';
import type { SsoMeta } from '../protocol';
import { GHES_SSO_MESSAGE, isEnterpriseServer, ssoUnavailableOf } from '../sso/availability';
import type { SsoCredential } from '../sso/credential';

export interface LoadedSso {
  org: string;
  loadedAt: number;
  credentials: SsoCredential[];
}

const memory = new Map<string, LoadedSso>();
const loads = new Map<string, Promise<LoadedSso>>();
const keyOf = (org: string) => org.toLowerCase();

export const readSso = (org: string): LoadedSso | undefined => memory.get(keyOf(org));

/** Sign-out: nothing of the old credential stays. */
export function forgetSso(): void {
  memory.clear();
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
    if (isEnterpriseServer(await deps.apiBaseUrl())) return { org, state: 'ghes', message: GHES_SSO_MESSAGE };
    try {
      const loaded = (!refresh && readSso(org)) || (await load(org));
      return { org, state: 'ok', loadedAt: loaded.loadedAt, count: loaded.credentials.length };
    } catch (error) {
      const unavailable = ssoUnavailableOf(error, org);
      if (unavailable) return { org, ...unavailable };
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
