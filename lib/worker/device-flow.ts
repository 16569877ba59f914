// Sign-in with the org's GitHub App through OAuth's device flow. The pending code lives in
// storage.session so a restarted worker keeps polling the same code, and the worker, not
// the page, enforces GitHub's interval (and its slow_down), so no caller can poll too fast.

import { createDeviceCode, exchangeDeviceCode, refreshToken } from '@octokit/oauth-methods';
import { request as octokitRequest } from '@octokit/request';
import { browser } from 'wxt/browser';
import { PatrolError } from '../errors';
import { webHostOf } from '../hosts';
import type { DeviceCodeView, DevicePollResult } from '../protocol';

export interface UserAuth {
  token: string;
  /** Epoch ms; null when the app issues non-expiring user tokens. */
  expiresAt: number | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: number | null;
  login: string;
  /** When this token was issued (epoch ms), to tell a just-refreshed token from a stale one. */
  issuedAt?: number;
}

interface PendingCode {
  clientId: string;
  apiBaseUrl: string;
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  expiresAt: number;
  intervalSeconds: number;
  nextPollAt: number;
}

const PENDING_KEY = 'device-flow-pending';

/**
 * GitHub's OAuth endpoints live on the web host, not the API host: github.com, SUBDOMAIN.ghe.com
 * (data residency), or the GHES host. oauth-methods maps a base URL to that host itself; it is
 * handed the web origin so the mapping cannot drift from the one the manifest's host permissions
 * and the options page use (lib/hosts.ts).
 */
export function oauthRequest(apiBaseUrl: string, fetchImpl?: typeof fetch) {
  return octokitRequest.defaults({
    baseUrl: `https://${webHostOf(apiBaseUrl)}`,
    headers: { 'user-agent': 'PATrol' },
    ...(fetchImpl ? { request: { fetch: fetchImpl } } : {}),
  });
}

async function readPending(): Promise<PendingCode | undefined> {
  const found = await browser.storage.session.get(PENDING_KEY);
  return found[PENDING_KEY] as PendingCode | undefined;
}

export async function clearPendingCode(): Promise<void> {
  await browser.storage.session.remove(PENDING_KEY);
}

export async function startDeviceFlow(
  clientId: string,
  apiBaseUrl: string,
  fetchImpl?: typeof fetch,
  now = Date.now(),
): Promise<DeviceCodeView> {
  const { data } = await createDeviceCode({
    clientType: 'github-app',
    clientId,
    request: oauthRequest(apiBaseUrl, fetchImpl),
  });
  const pending: PendingCode = {
    clientId,
    apiBaseUrl,
    deviceCode: data.device_code,
    userCode: data.user_code,
    verificationUri: data.verification_uri,
    expiresAt: now + data.expires_in * 1000,
    intervalSeconds: data.interval,
    nextPollAt: now + data.interval * 1000,
  };
  await browser.storage.session.set({ [PENDING_KEY]: pending });
  return {
    userCode: pending.userCode,
    verificationUri: pending.verificationUri,
    expiresAt: pending.expiresAt,
    intervalSeconds: pending.intervalSeconds,
  };
}

function oauthErrorOf(error: unknown): { code: string; interval?: number } | null {
  const data = (error as { response?: { data?: { error?: unknown; interval?: unknown } } }).response?.data;
  if (typeof data?.error !== 'string') return null;
  return { code: data.error, ...(typeof data.interval === 'number' ? { interval: data.interval } : {}) };
}

const epochOrNull = (iso: string | undefined) => (iso ? Date.parse(iso) : null);

/**
 * One poll of GitHub's token endpoint, if the interval allows. Returns the user auth on
 * success so the caller can store it with the other secrets.
 */
export async function pollDeviceFlow(
  fetchImpl?: typeof fetch,
  now = Date.now(),
): Promise<{ result: DevicePollResult; auth?: Omit<UserAuth, 'login'>; clientId?: string }> {
  const pending = await readPending();
  if (!pending) {
    return {
      result: {
        state: 'expired',
        message: 'No sign-in is in progress. Select "Sign in with GitHub" to start.',
      },
    };
  }
  if (now >= pending.expiresAt) {
    await clearPendingCode();
    return {
      result: {
        state: 'expired',
        message: 'The code expired before it was entered. Start again to get a new code.',
      },
    };
  }
  if (now < pending.nextPollAt) {
    return { result: { state: 'pending', intervalSeconds: Math.ceil((pending.nextPollAt - now) / 1000) } };
  }
  try {
    const { authentication } = await exchangeDeviceCode({
      clientType: 'github-app',
      clientId: pending.clientId,
      code: pending.deviceCode,
      request: oauthRequest(pending.apiBaseUrl, fetchImpl),
    });
    await clearPendingCode();
    const auth = authentication as {
      token: string;
      expiresAt?: string;
      refreshToken?: string;
      refreshTokenExpiresAt?: string;
    };
    return {
      result: { state: 'done', login: '' },
      clientId: pending.clientId,
      auth: {
        token: auth.token,
        expiresAt: epochOrNull(auth.expiresAt),
        refreshToken: auth.refreshToken ?? null,
        refreshTokenExpiresAt: epochOrNull(auth.refreshTokenExpiresAt),
      },
    };
  } catch (error) {
    const oauth = oauthErrorOf(error);
    if (oauth?.code === 'authorization_pending' || oauth?.code === 'slow_down') {
      // slow_down: GitHub names the new interval; otherwise add 5 s as RFC 8628 says.
      const interval =
        oauth.code === 'slow_down'
          ? (oauth.interval ?? pending.intervalSeconds + 5)
          : pending.intervalSeconds;
      await browser.storage.session.set({
        [PENDING_KEY]: { ...pending, intervalSeconds: interval, nextPollAt: now + interval * 1000 },
      });
      return { result: { state: 'pending', intervalSeconds: interval } };
    }
    if (oauth?.code === 'expired_token') {
      await clearPendingCode();
      return {
        result: {
          state: 'expired',
          message: 'The code expired before it was entered. Start again to get a new code.',
        },
      };
    }
    if (oauth?.code === 'access_denied') {
      await clearPendingCode();
      return {
        result: {
          state: 'denied',
          message: 'Sign-in was cancelled on GitHub. Start again if that was a mistake.',
        },
      };
    }
    if (oauth?.code === 'incorrect_client_credentials' || oauth?.code === 'device_flow_disabled') {
      await clearPendingCode();
      throw new DeviceFlowError(
        oauth.code === 'device_flow_disabled'
          ? 'Device flow is disabled for this GitHub App. In the App settings, tick "Enable Device Flow", save, then start again.'
          : 'GitHub does not know this Client ID. Copy the Client ID from the GitHub App settings page and save again.',
      );
    }
    throw error;
  }
}

export class DeviceFlowError extends PatrolError {
  override name = 'DeviceFlowError';
  constructor(message: string) {
    super('device_flow', message);
  }
}

/** Trades a refresh token for a new user token (GitHub rotates the refresh token too). */
export async function refreshUserAuth(
  clientId: string,
  apiBaseUrl: string,
  current: UserAuth,
  fetchImpl?: typeof fetch,
): Promise<UserAuth> {
  if (!current.refreshToken) throw new DeviceFlowError('The sign-in expired. Sign in with GitHub again.');
  // Device-flow apps refresh without a client secret; oauth-methods drops the undefined field.
  const { authentication } = await refreshToken({
    clientType: 'github-app',
    clientId,
    clientSecret: undefined as unknown as string,
    refreshToken: current.refreshToken,
    request: oauthRequest(apiBaseUrl, fetchImpl),
  });
  return {
    login: current.login,
    token: authentication.token,
    expiresAt: epochOrNull(authentication.expiresAt),
    refreshToken: authentication.refreshToken ?? null,
    refreshTokenExpiresAt: epochOrNull(authentication.refreshTokenExpiresAt),
  };
}
