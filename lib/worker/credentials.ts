// The worker's credential service: the only code that touches a secret. It turns the
// stored settings into an authenticated Octokit for an org, in either mode.
import { createAppAuth } from '@octokit/auth-app';
import { browser } from 'wxt/browser';
import { PatrolError } from '../errors';
import { createClient, type GitHubClient, type RateLimitWait } from '../github/client';
import { checkPrivateKey } from '../github/keys';
import { OwnerCheck } from '../github/membership';
import type { CredentialMode, PublicSettings } from '../protocol';
import { identityItem, normaliseApiBaseUrl, type Settings, settingsItem, webHostOf } from '../storage';
import { clearPendingCode, DeviceFlowError, refreshUserAuth, type UserAuth } from './device-flow';
import { type SecretStore, secretStores } from './secrets';
import { installationTokenCache } from './token-cache';

export class NotConfiguredError extends PatrolError {
  override name = 'NotConfiguredError';
  constructor(message: string) {
    super('not_configured', message);
  }
}

export interface CredentialDeps {
  fetch?: typeof fetch;
  now?: () => number;
  retryAfterBaseValue?: number;
  onRateLimit?: (wait: RateLimitWait) => boolean;
}

const PRIVATE_KEY = 'privateKey';
const USER_AUTH = 'userAuth';
/** Refresh a user token this long before GitHub would reject it. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const JUST_REFRESHED_MS = 30_000;

export class Credentials {
  private readonly stores = secretStores();
  private refreshing: Promise<UserAuth> | undefined;
  /** Sign-in mode: the user's org role, asked once per org per worker life. */
  readonly owners = new OwnerCheck();
  constructor(private readonly deps: CredentialDeps = {}) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private store(settings: Settings): SecretStore {
    return settings.secretStorage === 'session' ? this.stores.session : this.stores.encrypted;
  }

  async settings(): Promise<Settings> {
    return settingsItem.getValue();
  }

  async publicSettings(): Promise<PublicSettings> {
    const settings = await this.settings();
    const store = this.store(settings);
    const [key, user] = await Promise.all([store.get<string>(PRIVATE_KEY), store.get<UserAuth>(USER_AUTH)]);
    return {
      mode: settings.mode,
      clientId: settings.clientId,
      apiBaseUrl: settings.apiBaseUrl,
      webHost: webHostOf(settings.apiBaseUrl),
      hasPrivateKey: Boolean(key),
      signedInAs: settings.mode === 'device' ? (user?.login ?? null) : null,
      secretStorage: settings.secretStorage,
    };
  }

  async save(input: {
    mode: CredentialMode;
    clientId: string;
    apiBaseUrl: string;
    privateKey?: string;
    secretStorage: 'encrypted' | 'session';
  }): Promise<PublicSettings> {
    const clientId = input.clientId.trim();
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(clientId)) {
      throw new NotConfiguredError(
        "Enter the GitHub App's Client ID (like Iv23li…) or its numeric App ID, from the App settings page.",
      );
    }
    const apiBaseUrl = normaliseApiBaseUrl(input.apiBaseUrl);
    const previous = await this.settings();
    const pkcs8 = input.privateKey?.trim() ? await checkPrivateKey(input.privateKey) : undefined;
    const carried = await this.store(previous).get<string>(PRIVATE_KEY);
    const identityChanged = previous.clientId !== clientId || previous.apiBaseUrl !== apiBaseUrl;
    if (input.mode === 'private-key' && !pkcs8 && (!carried || identityChanged)) {
      throw new NotConfiguredError("Paste the App's private key (.pem) to use private-key mode.");
    }
    const next: Settings = { mode: input.mode, clientId, apiBaseUrl, secretStorage: input.secretStorage };
    const keyToStore = input.mode === 'private-key' ? (pkcs8 ?? carried) : undefined;
    const userAuth = identityChanged ? undefined : await this.store(previous).get<UserAuth>(USER_AUTH);
    await this.wipeSecrets();
    if (keyToStore) await this.store(next).set(PRIVATE_KEY, keyToStore);
    if (userAuth && input.mode === 'device') await this.store(next).set(USER_AUTH, userAuth);
    await settingsItem.setValue(next);
    if (identityChanged) await identityItem.setValue(null);
    return this.publicSettings();
  }

  /** Removes every secret in both stores and the cached installation tokens. */
  async wipeSecrets(): Promise<void> {
    for (const store of [this.stores.encrypted, this.stores.session]) {
      await store.delete(PRIVATE_KEY);
      await store.delete(USER_AUTH);
    }
    this.owners.clear();
    await installationTokenCache.clear();
    await clearPendingCode();
    await browser.storage.local.remove('installations');
  }

  /** Throws unless a credential is configured: no cached data is served without one. */
  async requireConfigured(): Promise<void> {
    const settings = await this.publicSettings();
    const stored = settings.mode === 'private-key' ? settings.hasPrivateKey : settings.signedInAs !== null;
    if (!settings.mode || !stored) {
      throw new NotConfiguredError(
        'PATrol is not set up yet. Open the PATrol options page to connect your GitHub App.',
      );
    }
  }

  async signOut(): Promise<PublicSettings> {
    await this.wipeSecrets();
    await identityItem.setValue(null);
    return this.publicSettings();
  }

  async storeUserAuth(auth: UserAuth): Promise<void> {
    const settings = await this.settings();
    await this.store(settings).set(USER_AUTH, auth);
    await identityItem.setValue(auth.login);
  }

  private async userAuth(settings: Settings): Promise<UserAuth> {
    const auth = await this.store(settings).get<UserAuth>(USER_AUTH);
    if (!auth)
      throw new NotConfiguredError(
        'Not signed in. On the PATrol options page, select "Sign in with GitHub".',
      );
    if (auth.expiresAt === null || auth.expiresAt - REFRESH_MARGIN_MS > this.now()) return auth;
    return this.refreshUser(settings, auth);
  }

  /**
   * One refresh at a time: GitHub's refresh tokens are single-use, so a second refresh of the
   * same token would be refused and sign the owner out. Callers share the one in flight, and
   * a caller holding an already-replaced token gets the stored fresh one.
   */
  private refreshUser(settings: Settings, auth: UserAuth): Promise<UserAuth> {
    this.refreshing ??= (async () => {
      const stored = await this.store(settings).get<UserAuth>(USER_AUTH);
      if (stored && stored.refreshToken !== auth.refreshToken) return stored;
      // A request sent with the previous token can fail after its client already took the
      // new one: a token refreshed moments ago is not refreshed again.
      if (stored?.issuedAt !== undefined && this.now() - stored.issuedAt < JUST_REFRESHED_MS) return stored;
      return this.refreshUserOnce(settings, stored ?? auth);
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshUserOnce(settings: Settings, auth: UserAuth): Promise<UserAuth> {
    if (auth.refreshTokenExpiresAt !== null && auth.refreshTokenExpiresAt <= this.now()) {
      throw new DeviceFlowError('The sign-in expired after six months. Sign in with GitHub again.');
    }
    let fresh: UserAuth;
    try {
      fresh = {
        ...(await refreshUserAuth(settings.clientId, settings.apiBaseUrl, auth, this.deps.fetch)),
        issuedAt: this.now(),
      };
    } catch (error) {
      const oauthError = (error as { response?: { data?: { error?: unknown } } }).response?.data?.error;
      if (typeof oauthError !== 'string') throw error; // offline or 5xx: keep the refresh token, try later
      // GitHub refused the refresh token (expired, revoked, or the App wants a secret): it is
      // useless now, so drop it and ask for a new sign-in rather than failing the same way again.
      // Only if it is still the stored one: never delete a fresher sign-in.
      const stored = await this.store(settings).get<UserAuth>(USER_AUTH);
      if (stored?.refreshToken === auth.refreshToken) {
        await this.store(settings).delete(USER_AUTH);
        await identityItem.setValue(null);
      }
      throw new DeviceFlowError(
        `GitHub did not renew the sign-in (${oauthError}). On the PATrol options page, select "Sign in with GitHub" again.`,
      );
    }
    await this.store(settings).set(USER_AUTH, fresh);
    return fresh;
  }

  private clientOptions(settings: Settings) {
    return {
      baseUrl: settings.apiBaseUrl,
      fetch: this.deps.fetch,
      retryAfterBaseValue: this.deps.retryAfterBaseValue,
      onRateLimit: this.deps.onRateLimit,
    };
  }

  private async appAuthOptions(settings: Settings) {
    const privateKey = await this.store(settings).get<string>(PRIVATE_KEY);
    if (!privateKey)
      throw new NotConfiguredError(
        "No private key is stored. Paste the App's private key on the options page.",
      );
    return { appId: settings.clientId, privateKey, cache: installationTokenCache };
  }

  /** An Octokit authenticated as the GitHub App itself (JWT), private-key mode only. */
  async appClient(): Promise<GitHubClient> {
    const settings = await this.settings();
    return createClient({
      ...this.clientOptions(settings),
      authStrategy: createAppAuth,
      auth: await this.appAuthOptions(settings),
    });
  }

  /** The installation id of the app on an org, found once and remembered. */
  async installationId(org: string): Promise<number> {
    const settings = await this.settings();
    const key = `${settings.apiBaseUrl}|${settings.clientId}|${org.toLowerCase()}`;
    const { installations = {} } = (await browser.storage.local.get('installations')) as {
      installations?: Record<string, number>;
    };
    const known = installations[key];
    if (known) return known;
    const app = await this.appClient();
    const { data } = await app.rest.apps.getOrgInstallation({ org }).catch((error: { status?: number }) => {
      if (error.status !== 404) throw error;
      throw new PatrolError(
        'not_installed',
        `The GitHub App is not installed on ${org} (or ${org} does not exist). An owner of ${org} installs it from the App's settings page (Install App → ${org}); then try again.`,
      );
    });
    await browser.storage.local.set({ installations: { ...installations, [key]: data.id } });
    return data.id;
  }

  private async forgetInstallation(org: string): Promise<void> {
    const settings = await this.settings();
    const key = `${settings.apiBaseUrl}|${settings.clientId}|${org.toLowerCase()}`;
    const { installations = {} } = (await browser.storage.local.get('installations')) as {
      installations?: Record<string, number>;
    };
    delete installations[key];
    await browser.storage.local.set({ installations });
  }

  /** An Octokit that may call the org's PAT endpoints. */
  async clientFor(org: string): Promise<GitHubClient> {
    const settings = await this.settings();
    if (!settings.mode || !settings.clientId) {
      throw new NotConfiguredError(
        'PATrol is not set up yet. Open the PATrol options page to connect your GitHub App.',
      );
    }
    if (settings.mode === 'private-key') {
      const installationId = await this.installationId(org);
      const client = createClient({
        ...this.clientOptions(settings),
        authStrategy: createAppAuth,
        auth: { ...(await this.appAuthOptions(settings)), installationId },
        // A token that expired early: drop it so auth-app mints a new one for the retry.
        onUnauthorized: () => installationTokenCache.clear(),
      });
      // The App was uninstalled (and perhaps installed again, with a new id): forget the id
      // so the next attempt finds the installation afresh, and say what happened.
      client.hook.error('request', async (error) => {
        const failed = error as { status?: number; request?: { url?: string } };
        if (
          failed.status === 404 &&
          /\/app\/installations\/\d+\/access_tokens/.test(failed.request?.url ?? '')
        ) {
          await this.forgetInstallation(org);
          throw new PatrolError(
            'not_installed',
            `The GitHub App's installation on ${org} is gone. Reinstall the App on ${org}, then try again.`,
          );
        }
        throw error;
      });
      return client;
    }
    let auth = await this.userAuth(settings);
    const client = createClient({
      ...this.clientOptions(settings),
      authStrategy: () => {
        const strategy = async () => ({ type: 'token', tokenType: 'oauth', token: auth.token });
        strategy.hook = async (
          request: (options: unknown) => Promise<unknown>,
          route: unknown,
          parameters?: unknown,
        ) => {
          const endpoint = (
            request as unknown as {
              endpoint: { merge: (r: unknown, p: unknown) => { headers: Record<string, string> } };
            }
          ).endpoint.merge(route, parameters);
          endpoint.headers.authorization = `token ${auth.token}`;
          return request(endpoint);
        };
        return strategy;
      },
      onUnauthorized: async () => {
        auth = await this.refreshUser(settings, auth);
      },
    });
    // A member who is not an owner would get a permission-like error from the PAT endpoints.
    await this.owners.ensure(
      client,
      settings.apiBaseUrl,
      webHostOf(settings.apiBaseUrl),
      org,
      auth.login || 'The signed-in user',
    );
    return client;
  }

  /** An Octokit as the signed-in user, without org context (for /user and installations). */
  async userClient(): Promise<GitHubClient> {
    const settings = await this.settings();
    const auth = await this.userAuth(settings);
    return createClient({ ...this.clientOptions(settings), auth: auth.token });
  }
}
