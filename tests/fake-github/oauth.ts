// github.com side: device flow, token refresh (OAuth errors come back with HTTP 200, like GitHub),
// and the HTML pages.

import { type Ctx, type Reply, type Router, randomToken } from './http.ts';
import { activeTokensPage, devicePage, homePage, notFoundPage, profilePage } from './pages.ts';
import { formatTime } from './render.ts';
import { requestsPage } from './requests-page.ts';
import { type DeviceCode, type Env, ensureUser, type FakeState, findOrg, settle } from './state.ts';

const DEVICE_ERRORS =
  'https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow';
const REFRESH_ERRORS =
  'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';

const DESCRIPTIONS: Record<string, string> = {
  authorization_pending: 'The authorization request is still pending.',
  slow_down: 'Too many requests have been made in the same timeframe.',
  expired_token: 'The `device_code` has expired.',
  access_denied: 'The authorization request was denied.',
  incorrect_client_credentials: 'The client_id and/or client_secret passed are incorrect.',
  incorrect_device_code: 'The device_code provided is not valid.',
  unsupported_grant_type: 'The grant type is not supported.',
  bad_refresh_token: 'The refresh token passed is incorrect or expired.',
  device_flow_disabled: 'Device Flow must be explicitly enabled for this App',
};

/** GitHub answers JSON only when asked (Accept: application/json); otherwise form-encoded. */
function oauthReply(ctx: Ctx, data: Record<string, string | number>): Reply {
  if (String(ctx.headers.accept ?? '').includes('application/json')) return { status: 200, body: data };
  const text = new URLSearchParams(Object.entries(data).map(([k, v]) => [k, String(v)])).toString();
  return { status: 200, text, contentType: 'application/x-www-form-urlencoded; charset=utf-8' };
}

function oauthError(ctx: Ctx, error: string, extra: Record<string, number> = {}): Reply {
  const uri = error === 'bad_refresh_token' ? `${REFRESH_ERRORS}#bad-refresh-token` : DEVICE_ERRORS;
  return oauthReply(ctx, {
    error,
    error_description: DESCRIPTIONS[error] ?? error,
    error_uri: uri,
    ...extra,
  });
}

/** Form body, JSON body and query parameters all work (query first, body wins). */
function params(ctx: Ctx): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(ctx.query);
  const b = ctx.body;
  if (b && typeof b === 'object' && !Array.isArray(b)) {
    for (const [k, v] of Object.entries(b)) if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function userCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export function issueUserTokens(env: Pick<Env, 'state' | 'config' | 'now'>, login: string) {
  const user = ensureUser(env.state, login);
  const access = randomToken('ghu_', 36);
  const refresh = randomToken('ghr_', 76);
  const ttl = env.config.userTokenTtlSec;
  const refreshTtl = 15_811_200;
  const samlOrgs = new Set<string>();
  for (const [key, org] of env.state.orgs) {
    if (org.saml && org.samlSessions.has(user.login.toLowerCase())) samlOrgs.add(key);
  }
  env.state.userTokens.set(access, {
    token: access,
    login: user.login,
    createdAt: env.now,
    expiresAt: env.now + ttl * 1000,
    samlOrgs,
  });
  env.state.refreshTokens.set(refresh, {
    token: refresh,
    login: user.login,
    expiresAt: env.now + refreshTtl * 1000,
  });
  return {
    access_token: access,
    expires_in: ttl,
    refresh_token: refresh,
    refresh_token_expires_in: refreshTtl,
    token_type: 'bearer',
    scope: '',
  };
}

function deviceCode(env: Env, ctx: Ctx): Reply {
  const p = params(ctx);
  const { app } = env.state;
  if (p.client_id !== app.clientId) return oauthError(ctx, 'incorrect_client_credentials');
  if (!app.deviceFlowEnabled) return oauthError(ctx, 'device_flow_disabled');
  const dc: DeviceCode = {
    deviceCode: randomToken('', 40).toLowerCase(),
    userCode: userCode(),
    clientId: app.clientId,
    createdAt: env.now,
    expiresAt: env.now + env.config.deviceCodeTtlSec * 1000,
    interval: env.config.deviceInterval,
    lastPollAt: null,
    status: 'pending',
  };
  env.state.deviceCodes.set(dc.deviceCode, dc);
  return oauthReply(ctx, {
    device_code: dc.deviceCode,
    user_code: dc.userCode,
    verification_uri: `${ctx.bases.web}/login/device`,
    expires_in: env.config.deviceCodeTtlSec,
    interval: dc.interval,
  });
}

/** Polls faster than `interval` (50 ms tolerance) get slow_down and the interval grows by 5 s. */
function pollDevice(env: Env, ctx: Ctx, p: Record<string, string>): Reply {
  const dc = env.state.deviceCodes.get(p.device_code ?? '');
  if (!dc || dc.clientId !== p.client_id || dc.status === 'consumed') {
    return oauthError(ctx, 'incorrect_device_code');
  }
  if (env.now >= dc.expiresAt) return oauthError(ctx, 'expired_token');
  const last = dc.lastPollAt;
  dc.lastPollAt = env.now;
  if (last !== null && env.now - last < dc.interval * 1000 - 50) {
    dc.interval += 5;
    return oauthError(ctx, 'slow_down', { interval: dc.interval });
  }
  if (dc.status === 'denied') return oauthError(ctx, 'access_denied');
  if (dc.status === 'pending' || !dc.login) return oauthError(ctx, 'authorization_pending');
  dc.status = 'consumed';
  return oauthReply(ctx, issueUserTokens(env, dc.login));
}

/** Refresh with client_id alone or client_id + client_secret; the refresh token rotates. */
function refresh(env: Env, ctx: Ctx, p: Record<string, string>): Reply {
  if (p.client_secret !== undefined && p.client_secret !== env.state.app.clientSecret) {
    return oauthError(ctx, 'incorrect_client_credentials');
  }
  const rt = env.state.refreshTokens.get(p.refresh_token ?? '');
  if (!rt || rt.expiresAt <= env.now) return oauthError(ctx, 'bad_refresh_token');
  env.state.refreshTokens.delete(rt.token);
  return oauthReply(ctx, issueUserTokens(env, rt.login));
}

function accessToken(env: Env, ctx: Ctx): Reply {
  const p = params(ctx);
  if (p.client_id !== env.state.app.clientId) return oauthError(ctx, 'incorrect_client_credentials');
  if (p.grant_type === 'refresh_token') return refresh(env, ctx, p);
  if (p.grant_type === 'urn:ietf:params:oauth:grant-type:device_code') return pollDevice(env, ctx, p);
  return oauthError(ctx, 'unsupported_grant_type');
}

export function findDeviceCode(state: FakeState, code: string): DeviceCode | undefined {
  const norm = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  for (const dc of state.deviceCodes.values()) {
    if (dc.userCode.replace('-', '') === norm && dc.status === 'pending') return dc;
  }
  return undefined;
}

const html = (status: number, text: string): Reply => ({
  status,
  text,
  contentType: 'text/html; charset=utf-8',
});

function deviceForm(env: Env, ctx: Ctx): Reply {
  if (ctx.method === 'GET') return html(200, devicePage(env.state.webUser, undefined, env.state.colorMode));
  const p = params(ctx);
  const dc = findDeviceCode(env.state, p.user_code ?? '');
  let message = 'That code is not valid or has expired.';
  if (dc && env.now < dc.expiresAt) {
    if (p.action === 'deny') {
      dc.status = 'denied';
      message = 'Authorization cancelled.';
    } else {
      dc.status = 'approved';
      dc.login = ensureUser(env.state, env.state.webUser).login;
      message = 'Congratulations, you’re all set! Your device is now connected.';
    }
  }
  return html(200, devicePage(env.state.webUser, message, env.state.colorMode));
}

function activeTokens(env: Env, _ctx: Ctx, prm: Record<string, string>): Reply {
  const org = findOrg(env.state, prm.org ?? '');
  if (!org) return html(404, notFoundPage(env.state.colorMode));
  settle(org, env.now);
  const rows = org.grants.slice(0, 10).map((g) => ({
    id: g.id,
    name: g.tokenName,
    owner: g.owner.login,
    expires: g.expiresAt === null ? 'Never expires' : `Expires ${formatTime(g.expiresAt).slice(0, 10)}`,
    lastUsed: g.lastUsedAt === null ? 'Never used' : `Last used ${formatTime(g.lastUsedAt).slice(0, 10)}`,
  }));
  return html(
    200,
    activeTokensPage(org.login, rows, org.grants.length, env.state.webUser, env.state.colorMode),
  );
}

function pendingRequests(env: Env, _ctx: Ctx, prm: Record<string, string>): Reply {
  const org = findOrg(env.state, prm.org ?? '');
  if (!org) return html(404, notFoundPage(env.state.colorMode));
  settle(org, env.now);
  return html(200, requestsPage(org, env.state.webUser, env.state.colorMode));
}

function profile(env: Env, _ctx: Ctx, prm: Record<string, string>): Reply {
  const org = findOrg(env.state, prm.org ?? '');
  if (!org) return html(404, notFoundPage(env.state.colorMode));
  return html(200, profilePage(org.login, env.state.webUser, env.state.colorMode));
}

export function webRoutes(router: Router<Env>): void {
  router
    .on('GET', '/', (env) => html(200, homePage(env.state.webUser, env.state.colorMode)))
    .on('POST', '/login/device/code', deviceCode)
    .on('POST', '/login/oauth/access_token', accessToken)
    .on('GET', '/login/device', deviceForm)
    .on('POST', '/login/device', deviceForm)
    .on('GET', '/organizations/:org/settings/personal-access-tokens/active', activeTokens)
    .on('GET', '/organizations/:org/settings/personal-access-token-requests', pendingRequests)
    .on('GET', '/organizations/:org/settings/profile', profile);
}

export function webNotFound(env: Env): Reply {
  return html(404, notFoundPage(env.state.colorMode));
}
