// @vitest-environment node
// Behaviour of the fake itself: hosts, app JWT, tokens, grants (paging, filters, revocation).
import { generateKeyPairSync } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { beforeEach, describe, expect, test } from 'vitest';
import { HOSTILE_STRINGS } from './seed.ts';
import type { FakeGitHub } from './server.ts';
import {
  type Api,
  appJwt as appJwtFor,
  jwt as jwtFor,
  mintInstallationToken as mint,
  nowSec,
  quiet,
  useSeededFake,
} from './testkit.ts';

let fake: FakeGitHub;
let api: Api;
let installToken: string;
const jwt = (payload: Record<string, unknown>, key?: string) => jwtFor(fake, payload, key);
const appJwt = () => appJwtFor(fake);
const mintInstallationToken = (org = 'acme') => mint(fake, org);

const seeded = useSeededFake();
beforeEach(() => {
  ({ fake, api, installToken } = seeded);
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

  test('chromium args map the five hosts', () => {
    const to = `127.0.0.1:${fake.port}`;
    expect(fake.chromiumArgs()[0]).toBe(
      `--host-resolver-rules=MAP github.com ${to}, MAP api.github.com ${to}, MAP ghes.test ${to}, MAP octocorp.ghe.com ${to}, MAP api.octocorp.ghe.com ${to}`,
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
      jwt(
        { iat: nowSec() - 30, exp: nowSec() + 500, iss: fake.app.appId },
        other.export({ type: 'pkcs1', format: 'pem' }).toString(),
      ),
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
      expect(
        (await api('/app', { token: jwt({ iat: nowSec() - 30, exp: nowSec() + 570, iss }) })).status,
      ).toBe(200);
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
    expect(post.headers.get('x-accepted-github-permissions')).toBe(
      'organization_personal_access_tokens=write',
    );
    expect((await post.json()).message).toBe('Resource not accessible by integration');
  });

  test('expired, PAT and JWT credentials on the grant list', async () => {
    const pat = await api('/orgs/acme/personal-access-tokens', { token: 'github_pat_11ABCDEFG' });
    expect([pat.status, (await pat.json()).message]).toEqual([
      403,
      'Resource not accessible by personal access token',
    ]);
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
    const member = await api('/orgs/acme/personal-access-tokens', {
      token: fake.createUserToken('octo-member').access_token,
    });
    // GitHub documents no owner-specific text: a user token holds only what user and App share.
    expect(member.status).toBe(403);
    expect((await member.json()).message).toBe('Resource not accessible by integration');
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
      expect(link).toContain(
        `<https://api.github.com/organizations/${org?.id}/personal-access-tokens?per_page=150&owner%5B%5D=deploy-bot&owner[]=octo-owner&page=2>; rel="next"`,
      );
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
    expect((await list(`per_page=100&owner[]=${encodeURIComponent(owner)}`)).body.map((g) => g.id)).toEqual(
      expected,
    );
    const tokenIds = live.slice(10, 13).map((g) => g.token_id);
    const byToken = await list(tokenIds.map((t) => `token_id[]=${t}`).join('&'));
    expect(byToken.body.map((g) => g.token_id)).toEqual(tokenIds);
    const asc = await list('per_page=5&direction=asc');
    expect(asc.body.map((g) => g.id)).toEqual(
      live
        .slice(-5)
        .reverse()
        .map((g) => g.id),
    );
    const tooMany = await list(Array.from({ length: 11 }, (_, i) => `owner[]=u${i}`).join('&'));
    expect(tooMany.res.status).toBe(422);
    expect((await list('owner=alice%2Cbob')).body).toEqual([]);
  });

  test('bulk revoke is accepted (202) and applied after the delay', async () => {
    const ids = fake
      .liveGrants('acme')
      .slice(0, 3)
      .map((g) => g.id);
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
      api('/orgs/acme/personal-access-tokens', {
        method: 'POST',
        token: installToken,
        body: JSON.stringify(body),
      });
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
    const res = await api(`/orgs/acme/personal-access-tokens/${subset?.id}/repositories`, {
      token: installToken,
    });
    const repos = (await res.json()) as { id: number; full_name: string }[];
    expect(repos.map((r) => r.id)).toEqual(subset?.repoIds);
    expect(repos[0]?.full_name).toMatch(/^acme\//);
    const none = await api(`/orgs/acme/personal-access-tokens/${all?.id}/repositories`, {
      token: installToken,
    });
    expect(await none.json()).toEqual([]);
  });
});
