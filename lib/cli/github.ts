// The command line's GitHub: the worker's client (lib/github/client.ts: budget, throttling,
// retry, ETag revalidation, API-origin check) authenticated as the App's installation on each
// org with @octokit/auth-app, exactly as the extension's private-key mode does.
import { createAppAuth } from '@octokit/auth-app';
import { PatrolError } from '../errors';
import { createClient, type GitHubClient } from '../github/client';
import { EtagMemo } from '../github/etag-memo';
import { findOrgInstallation } from '../github/installation';
import type { CliCredentials } from './env';

export interface GitHubDeps {
  fetch?: typeof fetch;
  /** Milliseconds per second of retry-after; tests shrink it. */
  retryAfterBaseValue?: number;
}

/** auth-app's installation-token cache, in memory for the life of the process. */
function memoryCache() {
  const entries = new Map<string, string>();
  return {
    get: async (key: string) => entries.get(key),
    set: async (key: string, value: string) => {
      entries.set(key, value);
    },
    clear: () => entries.clear(),
  };
}

export interface Connection {
  /** The installation client of `org`, made once per org per run. */
  clientFor(org: string): Promise<GitHubClient>;
  /** Who acts, for journals and results: "App {slug}". */
  actor(): Promise<string>;
}

export function connect(credentials: CliCredentials, deps: GitHubDeps = {}): Connection {
  const cache = memoryCache();
  const base = {
    baseUrl: credentials.apiBaseUrl,
    // One run never asks for the same URL twice: keeping answers for revalidation would only
    // hold (and copy) every page's body, most of the peak memory at 50,000 grants.
    memo: new EtagMemo(0),
    fetch: deps.fetch,
    retryAfterBaseValue: deps.retryAfterBaseValue,
    userAgent: 'PATrol-cli',
  };
  const auth = { appId: credentials.appId, privateKey: credentials.privateKey, cache };
  const app = createClient({ ...base, authStrategy: createAppAuth, auth });
  const clients = new Map<string, Promise<GitHubClient>>();
  let actor: Promise<string> | undefined;

  async function installationClient(org: string): Promise<GitHubClient> {
    const installationId = await findOrgInstallation(app, org);
    const client = createClient({
      ...base,
      authStrategy: createAppAuth,
      auth: { ...auth, installationId },
      onUnauthorized: async () => cache.clear(),
    });
    client.hook.error('request', async (error) => {
      const failed = error as { status?: number; request?: { url?: string } };
      if (
        failed.status === 404 &&
        /\/app\/installations\/\d+\/access_tokens/.test(failed.request?.url ?? '')
      ) {
        throw new PatrolError(
          'not_installed',
          `The GitHub App's installation on ${org} is gone. Reinstall the App on ${org}, then try again.`,
        );
      }
      throw error;
    });
    return client;
  }

  return {
    clientFor(org) {
      const key = org.toLowerCase();
      let client = clients.get(key);
      if (!client) {
        client = installationClient(org);
        clients.set(key, client);
        client.catch(() => clients.delete(key));
      }
      return client;
    },
    actor() {
      actor ??= app.rest.apps
        .getAuthenticated()
        .then(({ data }) => `App ${data?.slug ?? data?.name ?? credentials.appId}`)
        .catch(() => `App ${credentials.appId}`);
      return actor;
    },
  };
}
