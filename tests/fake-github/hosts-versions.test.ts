// @vitest-environment node
// The fake's hosts and versions as GitHub lays them out: GHE.com data residency, old GHES
// shapes, the user's own org membership, non-owners, and SAML orgs seen without a session.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { routeHost } from './hosts.ts';
import { validateExchange } from './openapi.ts';
import type { FakeGitHub } from './server.ts';
import { type Api, jwt as jwtFor, nowSec, useSeededFake } from './testkit.ts';

let fake: FakeGitHub;
let api: Api;
let installToken: string;
const seeded = useSeededFake();
beforeEach(() => {
  ({ fake, api, installToken } = seeded);
});
afterEach(() => {
  fake.config.ghesVersion = undefined;
});

describe('GHE.com (data residency)', () => {
  test('routes api.SUBDOMAIN.ghe.com as REST at the root and SUBDOMAIN.ghe.com as the web', () => {
    expect(routeHost('api.octocorp.ghe.com', '/orgs/acme')).toMatchObject({
      kind: 'ghe.com',
      site: 'rest',
      path: '/orgs/acme',
      bases: { api: 'https://api.octocorp.ghe.com', web: 'https://octocorp.ghe.com' },
    });
    expect(routeHost('octocorp.ghe.com', '/login/device')).toMatchObject({ kind: 'ghe.com', site: 'web' });
    expect(routeHost('ghes.test', '/api/v3/user')).toMatchObject({
      kind: 'ghes',
      site: 'rest',
      path: '/user',
    });
  });

  test('serves the REST API with Link headers on its own host, over TLS the fake certificate covers', async () => {
    const res = await api('https://api.octocorp.ghe.com/orgs/acme/personal-access-tokens?per_page=100', {
      token: installToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toMatch(
      /^<https:\/\/api\.octocorp\.ghe\.com\/organizations\/\d+\/personal-access-tokens\?per_page=100&page=2>; rel="next"/,
    );
    const first = ((await res.json()) as { repositories_url: string }[])[0];
    expect(first?.repositories_url).toMatch(/^https:\/\/api\.octocorp\.ghe\.com\/organizations\//);
  });

  test('runs the device flow on the web host, whose verification URI is on that host', async () => {
    const res = await fake.fetch('https://octocorp.ghe.com/login/device/code', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: fake.app.clientId }),
    });
    expect(((await res.json()) as { verification_uri: string }).verification_uri).toBe(
      'https://octocorp.ghe.com/login/device',
    );
    const onApiHost = await fake.fetch('https://api.octocorp.ghe.com/login/device/code', { method: 'POST' });
    expect(onApiHost.status).toBe(404);
  });
});

describe('GET /user/memberships/orgs/{org}', () => {
  test('tells an owner and a member their role, in the OpenAPI shape', async () => {
    for (const [login, role] of [
      ['octo-owner', 'admin'],
      ['octo-member', 'member'],
    ] as const) {
      const res = await api('/user/memberships/orgs/acme', {
        token: fake.createUserToken(login).access_token,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ state: 'active', role, user: { login } });
    }
    const exchanges = fake.requests.filter((ex) => ex.path === '/user/memberships/orgs/acme');
    expect(exchanges.flatMap((ex) => validateExchange(ex))).toEqual([]);
  });

  test('404 for a user not affiliated with the org; 403 for an installation token (it has no user)', async () => {
    const stranger = await api('/user/memberships/orgs/acme', {
      token: fake.createUserToken('someone-else').access_token,
    });
    expect(stranger.status).toBe(404);
    expect((await api('/user/memberships/orgs/acme', { token: installToken })).status).toBe(403);
  });
});

describe('SAML org and a user token issued without a SAML session', () => {
  test('the org and its resources are missing for that token, and present for one issued in a session', async () => {
    fake.seedOrg('samlco', { grants: 5, saml: true, samlSessions: [] });
    const blind = fake.createUserToken('octo-owner').access_token;
    expect((await api('/orgs/samlco/personal-access-tokens', { token: blind })).status).toBe(404);
    expect((await api('/user/memberships/orgs/samlco', { token: blind })).status).toBe(404);
    const installations = await (await api('/user/installations', { token: blind })).json();
    expect(
      installations.installations.map((i: { account: { login: string } }) => i.account.login),
    ).not.toContain('samlco');
    // Starting a SAML session does not fix the old token: GitHub says to authorise again.
    fake.state.orgs.get('samlco')?.samlSessions.add('octo-owner');
    expect((await api('/orgs/samlco/personal-access-tokens', { token: blind })).status).toBe(404);
    const fresh = fake.createUserToken('octo-owner').access_token;
    expect((await api('/orgs/samlco/personal-access-tokens', { token: fresh })).status).toBe(200);
  });
});

describe('GHES 3.10–3.13', () => {
  const ghes = (path: string) => `https://ghes.test/api/v3${path}`;

  test('3.12 lists grants and requests without token_id and token_name, and ignores token_id[]', async () => {
    fake.config.ghesVersion = '3.12';
    const all = await (
      await api(ghes('/orgs/acme/personal-access-tokens?per_page=10'), { token: installToken })
    ).json();
    expect(all).toHaveLength(10);
    for (const grant of all) {
      expect(grant).not.toHaveProperty('token_id');
      expect(grant).not.toHaveProperty('token_name');
      expect(grant).toHaveProperty('token_expires_at');
    }
    const one = fake.liveGrants('acme')[3]?.token_id;
    const filtered = await api(ghes(`/orgs/acme/personal-access-tokens?per_page=10&token_id[]=${one}`), {
      token: installToken,
    });
    expect(await filtered.json()).toHaveLength(10);
    const requests = await (
      await api(ghes('/orgs/acme/personal-access-token-requests'), { token: installToken })
    ).json();
    expect(requests[0]).not.toHaveProperty('token_name');
    // github.com is not a GHES: the version does not touch it.
    const dotcom = await (
      await api('/orgs/acme/personal-access-tokens?per_page=1', { token: installToken })
    ).json();
    expect(dotcom[0]).toHaveProperty('token_id');
  });

  test('3.13 has the fields and honours token_id[]', async () => {
    fake.config.ghesVersion = '3.13';
    const one = fake.liveGrants('acme')[3]?.token_id;
    const res = await api(ghes(`/orgs/acme/personal-access-tokens?per_page=10&token_id[]=${one}`), {
      token: installToken,
    });
    expect((await res.json()).map((g: { token_id: number }) => g.token_id)).toEqual([one]);
  });

  test.each([
    ['3.13', 401],
    ['3.14', 200],
  ])('GHES %s and a Client ID as the JWT iss → %i', async (version, status) => {
    fake.config.ghesVersion = version;
    const token = jwtFor(fake, { iat: nowSec() - 30, exp: nowSec() + 500, iss: fake.app.clientId });
    const res = await api(ghes('/app'), { token });
    expect(res.status).toBe(status);
    if (status === 401) expect((await res.json()).message).toBe("'Issuer' claim ('iss') must be an Integer");
    const numeric = jwtFor(fake, { iat: nowSec() - 30, exp: nowSec() + 500, iss: fake.app.appId });
    expect((await api(ghes('/app'), { token: numeric })).status).toBe(200);
  });
});
