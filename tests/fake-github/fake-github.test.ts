// @vitest-environment node
// Behaviour of the fake itself: hosts, auth, revocation, paging, device flow, faults, pages, seed.
import { generateKeyPairSync, sign } from 'node:crypto';
import { createOAuthDeviceAuth } from '@octokit/auth-oauth-device';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { generateOrg, HOSTILE_STRINGS } from './seed.ts';
import { type FakeGitHub, startFakeGitHub } from './server.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let fake: FakeGitHub;
let api: (path: string, init?: RequestInit & { token?: string }) => Promise<Response>;
let installToken: string;

function jwt(payload: Record<string, unknown>, key = fake.app.privateKeyPkcs1): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(payload)}`;
  return `${data}.${sign('RSA-SHA256', Buffer.from(data), key).toString('base64url')}`;
}
const nowSec = () => Math.floor(Date.now() / 1000);
const appJwt = () => jwt({ iat: nowSec() - 30, exp: nowSec() + 570, iss: fake.app.appId });

async function mintInstallationToken(org = 'acme'): Promise<string> {
  const inst = await (await api(`/orgs/${org}/installation`, { token: appJwt() })).json();
  const res = await api(`/app/installations/${inst.id}/access_tokens`, { method: 'POST', token: appJwt() });
  return (await res.json()).token;
}

beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 300, deviceInterval: 1 });
  api = (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.body) headers.set('content-type', 'application/json');
    const url = path.startsWith('https://') ? path : `https://api.github.com${path}`;
    return fake.fetch(url, { ...init, headers });
  };
});
afterAll(async () => fake?.close());
beforeEach(async () => {
  fake.reset();
  fake.seedOrg('acme', { grants: 1200, seed: 42, hostile: true });
  fake.seedOrg('other', { grants: 10 });
  installToken = await mintInstallationToken();
});

describe('hosts', () => {
  test('github.com serves HTML, api.github.com JSON, ghes.test both', async () => {
    const home = await fake.fetch('https://github.com/');
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toMatch(/<main/);
    const ghesApi = await fake.fetch('https://ghes.test/api/v3/orgs/acme/personal-access-tokens?per_page=1', {
      headers: { authorization: `token ${installToken}` },
    });
    expect(ghesApi.status).toBe(200);
    expect(ghesApi.headers.get('link')).toMatch(/^<https:\/\/ghes\.test\/api\/v3\/organizations\/\d+\//);
    expect((await fake.fetch('https://ghes.test/organizations/acme/settings/profile')).status).toBe(200);
    expect((await api('/nope')).status).toBe(404);
  });

  test('chromium args map the three hosts', () => {
    expect(fake.chromiumArgs()[0]).toBe(
      `--host-resolver-rules=MAP github.com 127.0.0.1:${fake.port}, MAP api.github.com 127.0.0.1:${fake.port}, MAP ghes.test 127.0.0.1:${fake.port}`,
    );
  });
});

describe('app JWT', () => {
  test.each([
    ['expired', { iat: nowSec() - 700, exp: nowSec() - 100 }, /'Expiration time' claim \('exp'\) must be/],
    ['too long', { iat: nowSec(), exp: nowSec() + 900 }, /too far in the future/],
    ['iat in the future', { iat: nowSec() + 120, exp: nowSec() + 500 }, /'Issued at' claim/],
  ])('%s → 401', async (_name, claims, message) => {
    const res = await api('/app', { token: jwt({ ...claims, iss: fake.app.appId }) });
    expect(res.status).toBe(401);
    expect((await res.json()).message).toMatch(message);
  });

  test('wrong key, wrong issuer, installation token → could not be decoded', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    for (const token of [
      jwt({ iat: nowSec() - 30, exp: nowSec() + 500, iss: fake.app.appId }, other.export({ type: 'pkcs1', format: 'pem' }).toString()),
      jwt({ iat: nowSec() - 30, exp: nowSec() + 500, iss: 1 }),
      installToken,
    ]) {
      const res = await api('/app', { token });
      expect(res.status).toBe(401);
      expect((await res.json()).message).toBe('A JSON web token could not be decoded');
    }
  });

  test('iss may be the numeric id, the id as a string, or the client id', async () => {
    for (const iss of [fake.app.appId, String(fake.app.appId), fake.app.clientId]) {
      expect((await api('/app', { token: jwt({ iat: nowSec() - 30, exp: nowSec() + 570, iss }) })).status).toBe(200);
    }
  });

  test('auth-app recovers from clock skew using the Date header', async () => {
    fake.advanceTime(-5 * 60_000);
    const before = fake.requests.length;
    const octokit = new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: fake.app.appId, privateKey: fake.app.privateKeyPkcs1 },
      request: { fetch: fake.fetch },
      log: quiet,
    });
    expect((await octokit.rest.apps.getOrgInstallation({ org: 'acme' })).status).toBe(200);
    const statuses = fake.requests.slice(before).map((e) => e.status);
    expect(statuses).toEqual([401, 200]);
  });
});

describe('installation and user tokens', () => {
  test('not installed → 404; other org or missing permission → 403 with accepted permissions', async () => {
    fake.seedOrg('bare', { grants: 1, installed: false });
    expect((await api('/orgs/bare/installation', { token: appJwt() })).status).toBe(404);
    expect((await api('/orgs/other/personal-access-tokens', { token: installToken })).status).toBe(403);
    fake.seedOrg('ro', { grants: 3, permissions: { organization_personal_access_tokens: 'read' } });
    const ro = await mintInstallationToken('ro');
    expect((await api('/orgs/ro/personal-access-tokens', { token: ro })).status).toBe(200);
    const post = await api('/orgs/ro/personal-access-tokens', {
      method: 'POST',
      token: ro,
      body: JSON.stringify({ action: 'revoke', pat_ids: [1] }),
    });
    expect(post.status).toBe(403);
    expect(post.headers.get('x-accepted-github-permissions')).toBe('organization_personal_access_tokens=write');
    expect((await post.json()).message).toBe('Resource not accessible by integration');
  });

  test('expired, PAT and JWT credentials on the grant list', async () => {
    const pat = await api('/orgs/acme/personal-access-tokens', { token: 'github_pat_11ABCDEFG' });
    expect([pat.status, (await pat.json()).message]).toEqual([403, 'Resource not accessible by personal access token']);
    expect((await api('/orgs/acme/personal-access-tokens', { token: appJwt() })).status).toBe(403);
    fake.faults.expireTokensNow();
    const expired = await api('/orgs/acme/personal-access-tokens', { token: installToken });
    expect([expired.status, (await expired.json()).message]).toEqual([401, 'Bad credentials']);
  });

  test('user tokens: owners may list, members may not', async () => {
    const owner = fake.createUserToken('octo-owner').access_token;
    expect((await api('/orgs/acme/personal-access-tokens', { token: owner })).status).toBe(200);
    const me = await (await api('/user', { token: owner })).json();
    expect(me.login).toBe('octo-owner');
    const member = await api('/orgs/acme/personal-access-tokens', { token: fake.createUserToken('octo-member').access_token });
    expect(member.status).toBe(403);
    expect((await member.json()).message).toMatch(/organization owner/);
  });
});

describe('grants', () => {
  const list = async (query: string) => {
    const res = await api(`/orgs/acme/personal-access-tokens?${query}`, { token: installToken });
    return { res, body: (await res.json()) as { id: number; token_id: number; owner: { login: string } }[] };
  };

  test('paging: default 30, cap 100, Link on the org-id path keeps the query', async () => {
    expect((await list('')).body).toHaveLength(30);
    const { res, body } = await list('per_page=150&owner%5B%5D=deploy-bot&owner[]=octo-owner&page=1');
    expect(body.length).toBeLessThanOrEqual(100);
    const org = fake.state.orgs.get('acme');
    const link = res.headers.get('link') ?? '';
    if (body.length === 100) {
      expect(link).toContain(`<https://api.github.com/organizations/${org?.id}/personal-access-tokens?per_page=150&owner%5B%5D=deploy-bot&owner[]=octo-owner&page=2>; rel="next"`);
    }
    const all = (await list('per_page=100')).res.headers.get('link');
    expect(all).toMatch(/page=13>; rel="last"/);
    const next = /<([^>]+)>; rel="next"/.exec(all ?? '')?.[1] ?? '';
    const page2 = await api(next, { token: installToken });
    expect(((await page2.json()) as { id: number }[])[0]?.id).toBe(fake.liveGrants('acme')[100]?.id);
  });

  test('filters match an independent computation', async () => {
    const live = fake.liveGrants('acme');
    const owner = live[5]?.owner.login ?? '';
    const expected = live.filter((g) => g.owner.login === owner).map((g) => g.id);
    expect((await list(`per_page=100&owner[]=${encodeURIComponent(owner)}`)).body.map((g) => g.id)).toEqual(expected);
    const tokenIds = live.slice(10, 13).map((g) => g.token_id);
    const byToken = await list(tokenIds.map((t) => `token_id[]=${t}`).join('&'));
    expect(byToken.body.map((g) => g.token_id)).toEqual(tokenIds);
    const asc = await list('per_page=5&direction=asc');
    expect(asc.body.map((g) => g.id)).toEqual(live.slice(-5).reverse().map((g) => g.id));
    const tooMany = await list(Array.from({ length: 11 }, (_, i) => `owner[]=u${i}`).join('&'));
    expect(tooMany.res.status).toBe(422);
    expect((await list('owner=alice%2Cbob')).body).toEqual([]);
  });

  test('bulk revoke is accepted (202) and applied after the delay', async () => {
    const ids = fake.liveGrants('acme').slice(0, 3).map((g) => g.id);
    const res = await api('/orgs/acme/personal-access-tokens', {
      method: 'POST',
      token: installToken,
      body: JSON.stringify({ action: 'revoke', pat_ids: ids }),
    });
    expect([res.status, await res.json()]).toEqual([202, {}]);
    expect(fake.revokedGrantIds('acme')).toEqual([...ids].sort((a, b) => a - b));
    expect((await list('per_page=3')).body.map((g) => g.id)).toEqual(ids);
    await new Promise((r) => setTimeout(r, 350));
    expect((await list('per_page=3')).body.map((g) => g.id)).not.toContain(ids[0]);
    expect(fake.liveGrants('acme')).toHaveLength(1200 + HOSTILE_STRINGS.length - 3);
  });

  test('bulk revoke validation and unknown ids', async () => {
    const post = (body: unknown) =>
      api('/orgs/acme/personal-access-tokens', { method: 'POST', token: installToken, body: JSON.stringify(body) });
    const id = fake.liveGrants('acme')[0]?.id ?? 0;
    const statuses = await Promise.all(
      [
        { action: 'revoke', pat_ids: [] },
        { action: 'revoke', pat_ids: Array.from({ length: 101 }, (_, i) => i + 1) },
        { action: 'revoke', pat_ids: ['1'] },
        { action: 'delete', pat_ids: [id] },
        { pat_ids: [id] },
        { action: 'revoke', pat_ids: [id, 1] },
      ].map(async (b) => (await post(b)).status),
    );
    expect(statuses).toEqual([422, 422, 422, 422, 422, 404]);
    expect(fake.revokedGrantIds('acme')).toEqual([]);
  });

  test('single revoke: 204 at once; then 404', async () => {
    const id = fake.liveGrants('acme')[7]?.id ?? 0;
    const path = `/orgs/acme/personal-access-tokens/${id}`;
    const body = JSON.stringify({ action: 'revoke' });
    expect((await api(path, { method: 'POST', token: installToken, body })).status).toBe(204);
    expect(fake.liveGrants('acme').some((g) => g.id === id)).toBe(false);
    expect((await api(path, { method: 'POST', token: installToken, body })).status).toBe(404);
  });

  test('repositories: only subset grants have them', async () => {
    const org = fake.state.orgs.get('acme');
    const subset = org?.grants.find((g) => g.repositorySelection === 'subset');
    const all = org?.grants.find((g) => g.repositorySelection === 'all');
    const res = await api(`/orgs/acme/personal-access-tokens/${subset?.id}/repositories`, { token: installToken });
    const repos = (await res.json()) as { id: number; full_name: string }[];
    expect(repos.map((r) => r.id)).toEqual(subset?.repoIds);
    expect(repos[0]?.full_name).toMatch(/^acme\//);
    const none = await api(`/orgs/acme/personal-access-tokens/${all?.id}/repositories`, { token: installToken });
    expect(await none.json()).toEqual([]);
  });
});

describe('device flow', () => {
  const post = (path: string, form: Record<string, string>, json = true) =>
    fake.fetch(`https://github.com${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(json ? { accept: 'application/json' } : {}) },
      body: new URLSearchParams(form).toString(),
    });

  test('auth-oauth-device completes after approval; refresh rotates', async () => {
    const octokit = new Octokit({ request: { fetch: fake.fetch }, log: quiet });
    let userCode = '';
    const auth = createOAuthDeviceAuth({
      clientType: 'github-app',
      clientId: fake.app.clientId,
      request: octokit.request,
      onVerification: (v) => {
        userCode = v.user_code;
        expect(v.verification_uri).toBe('https://github.com/login/device');
        setTimeout(() => fake.approveDeviceCode(userCode, 'octo-owner'), 1200);
      },
    });
    const result = (await auth({ type: 'oauth' })) as { token: string; refreshToken?: string };
    expect(result.token).toMatch(/^ghu_/);
    expect(userCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const refreshed = await (await post('/login/oauth/access_token', {
      client_id: fake.app.clientId,
      grant_type: 'refresh_token',
      refresh_token: result.refreshToken ?? '',
    })).json();
    expect(refreshed.refresh_token).toMatch(/^ghr_/);
    const again = await (await post('/login/oauth/access_token', {
      client_id: fake.app.clientId,
      client_secret: fake.app.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: result.refreshToken ?? '',
    })).json();
    expect(again.error).toBe('bad_refresh_token');
  });

  test('pending, slow_down, denied, expired, bad client; form encoding without Accept', async () => {
    const code = await (await post('/login/device/code', { client_id: fake.app.clientId })).json();
    expect(code).toMatchObject({ expires_in: 900, interval: 1, verification_uri: 'https://github.com/login/device' });
    const poll = async () =>
      (await (await post('/login/oauth/access_token', {
        client_id: fake.app.clientId,
        device_code: code.device_code,
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      })).json()) as { error?: string; interval?: number };
    expect((await poll()).error).toBe('authorization_pending');
    expect(await poll()).toMatchObject({ error: 'slow_down', interval: 6 });
    fake.denyDeviceCode(code.user_code);
    fake.advanceTime(6000);
    expect((await poll()).error).toBe('access_denied');
    const c2 = await (await post('/login/device/code', { client_id: fake.app.clientId })).json();
    fake.advanceTime(901_000);
    const expired = await post('/login/oauth/access_token', {
      client_id: fake.app.clientId,
      device_code: c2.device_code,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    });
    expect((await expired.json()).error).toBe('expired_token');
    const bad = await post('/login/device/code', { client_id: 'Iv23liNOPE' }, false);
    expect(bad.status).toBe(200);
    expect(await bad.text()).toMatch(/^error=incorrect_client_credentials&/);
  });
});

describe('faults', () => {
  test('drop, 5xx, secondary and primary rate limits, rate headers', async () => {
    const first = await api('/orgs/acme/personal-access-tokens', { token: installToken });
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const second = await api('/orgs/acme/personal-access-tokens', { token: installToken });
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
    expect(second.headers.get('x-ratelimit-resource')).toBe('core');

    fake.faults.dropConnectionsNext({ method: 'GET', pathIncludes: 'personal-access-tokens' });
    await expect(api('/orgs/acme/personal-access-tokens', { token: installToken })).rejects.toThrow(/fetch failed/);
    fake.faults.failNext({ pathIncludes: 'personal-access-tokens' }, 1, 503);
    expect((await api('/orgs/acme/personal-access-tokens', { token: installToken })).status).toBe(503);
    fake.faults.secondaryRateLimitNext({ method: 'POST' }, 1, 7);
    const sec = await api('/orgs/acme/personal-access-tokens', { method: 'POST', token: installToken, body: '{}' });
    expect([sec.status, sec.headers.get('retry-after')]).toEqual([403, '7']);
    expect((await sec.json()).message).toMatch(/secondary rate limit/);
    fake.faults.primaryRateLimit(30);
    const prim = await api('/orgs/acme/personal-access-tokens', { token: installToken });
    expect([prim.status, prim.headers.get('x-ratelimit-remaining')]).toEqual([403, '0']);
    expect(Number(prim.headers.get('x-ratelimit-reset'))).toBeGreaterThan(nowSec() + 20);
    fake.advanceTime(31_000);
    expect((await api('/orgs/acme/personal-access-tokens', { token: installToken })).status).toBe(200);
  });

  test('latency', async () => {
    fake.faults.latencyMs = 150;
    const t = Date.now();
    await api('/orgs/acme/personal-access-tokens?per_page=1', { token: installToken });
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });
});

describe('pages', () => {
  test('active tokens page resembles GitHub and escapes names', async () => {
    const html = await (await fake.fetch('https://github.com/organizations/acme/settings/personal-access-tokens/active')).text();
    expect(html).toMatch(/<main[^>]*>/);
    expect(html).toMatch(/Active tokens<\/h2>/);
    expect(html).toContain('<div class="Box"');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const profile = await (await fake.fetch('https://github.com/organizations/acme/settings/profile')).text();
    expect(profile).toContain('href="/organizations/acme/settings/personal-access-tokens/active"');
    expect((await fake.fetch('https://github.com/organizations/nope/settings/profile')).status).toBe(404);
  });
});

describe('seed', () => {
  test('deterministic, realistic, hostile, fast', () => {
    const a = generateOrg('acme', { grants: 500, seed: 3, hostile: true, now: Date.UTC(2026, 0, 1) });
    const b = generateOrg('acme', { grants: 500, seed: 3, hostile: true, now: Date.UTC(2026, 0, 1) });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(new Set(a.grants.map((g) => g.id)).size).toBe(a.grants.length);
    expect(new Set(a.grants.map((g) => g.owner.login)).size).toBeGreaterThan(40);
    for (const s of HOSTILE_STRINGS) expect(a.grants.some((g) => g.tokenName === s)).toBe(true);
    const selections = new Set(a.grants.map((g) => g.repositorySelection));
    expect([...selections].sort()).toEqual(['all', 'none', 'subset']);
    for (const g of a.grants.filter((x) => x.repositorySelection === 'subset')) {
      expect(g.repoIds.length).toBeGreaterThanOrEqual(1);
      expect(g.repoIds.length).toBeLessThanOrEqual(8);
    }
    const t = performance.now();
    expect(generateOrg('huge', { grants: 50_000 }).grants).toHaveLength(50_000);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
