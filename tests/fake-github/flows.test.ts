// @vitest-environment node
// Behaviour of the fake itself: device flow, faults, pages, seed.
import { createOAuthDeviceAuth } from '@octokit/auth-oauth-device';
import { Octokit } from '@octokit/rest';
import { beforeEach, describe, expect, test } from 'vitest';
import { generateOrg, HOSTILE_STRINGS } from './seed.ts';
import type { FakeGitHub } from './server.ts';
import { type Api, nowSec, quiet, useSeededFake } from './testkit.ts';

let fake: FakeGitHub;
let api: Api;
let installToken: string;

const seeded = useSeededFake();
beforeEach(() => {
  ({ fake, api, installToken } = seeded);
});

describe('device flow', () => {
  const post = (path: string, form: Record<string, string>, json = true) =>
    fake.fetch(`https://github.com${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(json ? { accept: 'application/json' } : {}),
      },
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
    const refreshed = await (
      await post('/login/oauth/access_token', {
        client_id: fake.app.clientId,
        grant_type: 'refresh_token',
        refresh_token: result.refreshToken ?? '',
      })
    ).json();
    expect(refreshed.refresh_token).toMatch(/^ghr_/);
    const again = await (
      await post('/login/oauth/access_token', {
        client_id: fake.app.clientId,
        client_secret: fake.app.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: result.refreshToken ?? '',
      })
    ).json();
    expect(again.error).toBe('bad_refresh_token');
  });

  test('pending, slow_down, denied, expired, bad client; form encoding without Accept', async () => {
    const code = await (await post('/login/device/code', { client_id: fake.app.clientId })).json();
    expect(code).toMatchObject({
      expires_in: 900,
      interval: 1,
      verification_uri: 'https://github.com/login/device',
    });
    const poll = async () =>
      (await (
        await post('/login/oauth/access_token', {
          client_id: fake.app.clientId,
          device_code: code.device_code,
          grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        })
      ).json()) as { error?: string; interval?: number };
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
    await expect(api('/orgs/acme/personal-access-tokens', { token: installToken })).rejects.toThrow(
      /fetch failed/,
    );
    fake.faults.failNext({ pathIncludes: 'personal-access-tokens' }, 1, 503);
    expect((await api('/orgs/acme/personal-access-tokens', { token: installToken })).status).toBe(503);
    fake.faults.secondaryRateLimitNext({ method: 'POST' }, 1, 7);
    const sec = await api('/orgs/acme/personal-access-tokens', {
      method: 'POST',
      token: installToken,
      body: '{}',
    });
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
    const html = await (
      await fake.fetch('https://github.com/organizations/acme/settings/personal-access-tokens/active')
    ).text();
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
    expect(generateOrg('huge', { grants: 50_000 }).grants).toHaveLength(50_000);
  });
});
