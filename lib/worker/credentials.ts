// The worker's credential service: turns the stored settings and secrets into an
// authenticated Octokit for an org, in either mode, refreshing user tokens as GitHub asks.
// Secrets are read and written through lib/worker/keeper.ts (where, and the lock); saving
// settings and signing out are lib/worker/credential-settings.ts.
import { createAppAuth } from '@octokit/auth-app';
import { PatrolError } from '../errors';
import { createClient, type GitHubClient, type RateLimitWait } from '../github/client';
import { OwnerCheck } from '../github/membership';
import { identityItem, type Settings, settingsItem, webHostOf } from '../storage';
import { DeviceFlowError, refreshUserAuth, type UserAuth } from './device-flow';
import { forgetInstallation, installationIdFor } from './installations';
import {
  deleteSecret,
  lockState,
  PRIVATE_KEY,
  readSecret,
  storedNames,
  USER_AUTH,
  writeSecret,
} from './keeper';
import { installationTokenCache } from './token-cache';
import { LockedError } from './vault';

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

/** Refresh a user token this long before GitHub would reject it. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const JUST_REFRESHED_MS = 30_000;

export class Credentials {
  private refreshing: Promise<UserAuth> | undefined;
  /** Sign-in mode: the user's org role, asked once per org per worker life. */
  readonly owners = new OwnerCheck();
  constructor(private readonly deps: CredentialDeps = {}) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  async settings(): Promise<Settings> {
    return settingsItem.getValue();
  }

  /**
   * Throws unless a usable credential is stored and unlocked: nothing cached is served
   * without one (a locked or signed-out PATrol shows no inventory).
   */
  async requireConfigured(): Promise<void> {
    const { secretStorage } = await this.settings();
    const state = await lockState(secretStorage);
    if (state === 'setup') await readSecret(secretStorage, PRIVATE_KEY); // throws, saying to choose one
    if (state === 'locked') throw new LockedError();
    if ((await storedNames(secretStorage)).length === 0) {
      throw new NotConfiguredError(
        'PATrol is not signed in. Open the PATrol options page to connect your GitHub App.',
      );
    }
  }

  /** Throws unless a new secret could be stored now (sign-in in passphrase mode needs one chosen). */
  async requireWritable(): Promise<void> {
    const { secretStorage } = await this.settings();
    const state = await lockState(secretStorage);
    if (secretStorage !== 'passphrase' || state === 'unlocked') return;
    if (state === 'open') {
      throw new LockedError(
        'Choose a passphrase first: type it in "Passphrase" and "Confirm passphrase" on the options page, then Save.',
      );
    }
    await readSecret(secretStorage, USER_AUTH); // throws LockedError, saying how to unlock
  }

  async storeUserAuth(auth: UserAuth): Promise<void> {
    const settings = await this.settings();
    await writeSecret(settings.secretStorage, USER_AUTH, auth);
    await identityItem.setValue(auth.login);
  }

  private async userAuth(settings: Settings): Promise<UserAuth> {
    const auth = await readSecret<UserAuth>(settings.secretStorage, USER_AUTH);
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
      const stored = await readSecret<UserAuth>(settings.secretStorage, USER_AUTH);
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
      const stored = await readSecret<UserAuth>(settings.secretStorage, USER_AUTH);
      if (stored?.refreshToken === auth.refreshToken) {
        await deleteSecret(settings.secretStorage, USER_AUTH);
        await identityItem.setValue(null);
      }
      throw new DeviceFlowError(
        `GitHub did not renew the sign-in (${oauthError}). On the PATrol options page, select "Sign in with GitHub" again.`,
      );
    }
    await writeSecret(settings.secretStorage, USER_AUTH, fresh);
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
    const privateKey = await readSecret<string>(settings.secretStorage, PRIVATE_KEY);
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

  /** An Octokit that may call the org's PAT endpoints. */
  async clientFor(org: string): Promise<GitHubClient> {
    const settings = await this.settings();
    if (!settings.mode || !settings.clientId) {
      throw new NotConfiguredError(
        'PATrol is not set up yet. Open the PATrol options page to connect your GitHub App.',
      );
    }
    if (settings.mode === 'private-key') {
      const installationId = await installationIdFor(settings, org, () => this.appClient());
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
          await forgetInstallation(settings, org);
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
