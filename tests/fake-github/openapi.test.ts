// @vitest-environment node
// Drives the fake through Octokit in Node and checks every logged REST exchange against GitHub's
// OpenAPI description; also proves the validator catches broken exchanges.
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validateAll, validateExchange } from './openapi.ts';
import { type Exchange, type FakeGitHub, startFakeGitHub } from './server.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let fake: FakeGitHub;
let app: Octokit;
let octokit: Octokit;
let installationId: number;

const swallow = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as { status?: number }).status;
  }
  return 'ok';
};

beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 50 });
  fake.seedOrg('acme', { grants: 450, hostile: true, seed: 7 });
  fake.seedOrg('readonly-org', { grants: 5, permissions: { organization_personal_access_tokens: 'read' } });
  fake.seedOrg('not-installed', { grants: 5, installed: false });
  const fetch = fake.fetch;
  app = new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: fake.app.appId, privateKey: fake.app.privateKeyPkcs1 },
    request: { fetch },
    log: quiet,
  });
  installationId = (await app.rest.apps.getOrgInstallation({ org: 'acme' })).data.id;
  octokit = new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: fake.app.clientId, privateKey: fake.app.privateKeyPkcs8, installationId },
    request: { fetch },
    log: quiet,
  });
});

afterAll(async () => {
  await fake?.close();
});

describe('every exchange matches the OpenAPI description', () => {
  test('app, installation, grants, filters, repositories, revocation, errors', async () => {
    await app.rest.apps.getAuthenticated();
    await app.rest.apps.listInstallations({ per_page: 1 });
    await app.rest.apps.getInstallation({ installation_id: installationId });
    expect(await swallow(app.rest.apps.getOrgInstallation({ org: 'not-installed' }))).toBe(404);

    const all = await octokit.paginate(octokit.rest.orgs.listPatGrants, { org: 'acme', per_page: 100 });
    expect(all.length).toBe(fake.liveGrants('acme').length);
    await octokit.rest.orgs.listPatGrants({ org: 'acme', direction: 'asc', page: 3 });
    await octokit.rest.orgs.listPatGrants({ org: 'acme', page: 999 });
    await octokit.request('GET /orgs/{org}/personal-access-tokens?owner[]=octo-owner&owner[]=deploy-bot', {
      org: 'acme',
    });
    const tokenIds = all
      .slice(0, 3)
      .map((g) => `token_id[]=${g.token_id}`)
      .join('&');
    await octokit.request(`GET /orgs/{org}/personal-access-tokens?${tokenIds}`, { org: 'acme' });
    await octokit.request('GET /orgs/{org}/personal-access-tokens', {
      org: 'acme',
      permission: 'contents_write',
      last_used_after: '2024-01-01T00:00:00Z',
      last_used_before: '2030-01-01T00:00:00Z',
    });
    const subset = all.filter((g) => g.repository_selection === 'subset');
    const repoName = (
      await octokit.rest.orgs.listPatGrantRepositories({ org: 'acme', pat_id: subset[0]?.id ?? 0 })
    ).data[0]?.name;
    await octokit.request('GET /orgs/{org}/personal-access-tokens', { org: 'acme', repository: repoName });
    await octokit.rest.orgs.listPatGrantRepositories({
      org: 'acme',
      pat_id: subset[1]?.id ?? 0,
      per_page: 1,
    });
    await octokit.paginate(octokit.rest.orgs.listPatGrantRequests, { org: 'acme', per_page: 5 });

    await octokit.rest.orgs.updatePatAccesses({ org: 'acme', action: 'revoke', pat_ids: [all[0]?.id ?? 0] });
    await octokit.rest.orgs.updatePatAccess({ org: 'acme', action: 'revoke', pat_id: all[1]?.id ?? 0 });

    const errors = [
      octokit.rest.orgs.listPatGrants({ org: 'no-such-org' }),
      octokit.rest.orgs.updatePatAccess({ org: 'acme', action: 'revoke', pat_id: 1 }),
      octokit.rest.orgs.listPatGrantRepositories({ org: 'acme', pat_id: 1 }),
      octokit.request('POST /orgs/{org}/personal-access-tokens', {
        org: 'acme',
        action: 'revoke',
        pat_ids: [],
      }),
      octokit.request('GET /orgs/{org}/personal-access-tokens', { org: 'readonly-org' }),
    ];
    expect(await Promise.all(errors.map(swallow))).toEqual([404, 404, 404, 422, 403]);
    const many = Array.from({ length: 11 }, (_, i) => `owner[]=u${i}`).join('&');
    expect(
      await swallow(octokit.request(`GET /orgs/{org}/personal-access-tokens?${many}`, { org: 'acme' })),
    ).toBe(422);
    const user = new Octokit({
      auth: fake.createUserToken('octo-owner').access_token,
      request: { fetch: fake.fetch },
      log: quiet,
    });
    await user.rest.users.getAuthenticated();
    await user.rest.apps.listInstallationsForAuthenticatedUser();
    await user.rest.orgs.getMembershipForUser({ org: 'acme', username: 'octo-owner' });
    await user.rest.orgs.listPatGrants({ org: 'acme', per_page: 2 });
    const member = new Octokit({
      auth: fake.createUserToken('octo-member').access_token,
      request: { fetch: fake.fetch },
      log: quiet,
    });
    expect(await swallow(member.rest.orgs.listPatGrants({ org: 'acme' }))).toBe(403);
    expect(
      await swallow(
        new Octokit({
          auth: 'ghs_nope',
          request: { fetch: fake.fetch },
          log: quiet,
        }).rest.users.getAuthenticated(),
      ),
    ).toBe(401);

    await octokit.rest.rateLimit.get();
    expect((await user.rest.apps.listInstallationsForAuthenticatedUser({ per_page: 1 })).status).toBe(200);
    const inst = new Octokit({
      auth: (await app.rest.apps.createInstallationAccessToken({ installation_id: installationId })).data
        .token,
      request: { fetch: fake.fetch },
      log: quiet,
    });
    expect((await inst.rest.apps.revokeInstallationAccessToken()).status).toBe(204);
    expect(await swallow(inst.rest.orgs.listPatGrants({ org: 'acme' }))).toBe(401);

    fake.faults.secondaryRateLimitNext({ pathIncludes: '/personal-access-tokens' }, 1, 1);
    fake.faults.failNext({ pathIncludes: '/personal-access-tokens' }, 1, 502);
    expect(await swallow(octokit.rest.orgs.listPatGrants({ org: 'acme' }))).toBe(403);
    expect(await swallow(octokit.rest.orgs.listPatGrants({ org: 'acme' }))).toBe(502);

    const rest = fake.requests.filter((e) => e.site === 'rest');
    expect(rest.length).toBeGreaterThan(30);
    // The two deliberately invalid requests (empty pat_ids, 11 owners): only their responses must
    // conform, and the validator must flag the requests themselves.
    const deliberate = rest.filter((e) => e.status === 422);
    expect(deliberate).toHaveLength(2);
    expect(validateAll(deliberate, { response: false })).toEqual([
      expect.stringMatching(/request body\/pat_ids: must NOT have fewer than 1 items/),
      expect.stringMatching(/query parameter owner: must NOT have more than 10 items/),
    ]);
    expect(validateAll(deliberate, { request: false })).toEqual([]);
    expect(validateAll(fake.requests.filter((e) => e.status !== 422))).toEqual([]);
  });

  test('GHES exchanges (/api/v3) validate too', async () => {
    const ghes = new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: fake.app.appId, privateKey: fake.app.privateKeyPkcs1, installationId },
      baseUrl: 'https://ghes.test/api/v3',
      request: { fetch: fake.fetch },
      log: quiet,
    });
    const before = fake.requests.length;
    const grants = await ghes.paginate(ghes.rest.orgs.listPatGrants, { org: 'acme', per_page: 100 });
    expect(grants[0]?.owner.url).toMatch(/^https:\/\/ghes\.test\/api\/v3\/users\//);
    const mine = fake.requests.slice(before);
    expect(mine.every((e) => e.host === 'ghes.test' && e.path.startsWith('/api/v3/'))).toBe(true);
    expect(validateAll(mine)).toEqual([]);
  });
});

describe('the validator catches broken exchanges', () => {
  const listExchange = (): Exchange => {
    const ex = fake.requests.find(
      (e) =>
        e.site === 'rest' &&
        e.method === 'GET' &&
        e.status === 200 &&
        /^\/orgs\/acme\/personal-access-tokens\?/.test(e.path),
    );
    if (!ex) throw new Error('no list exchange logged');
    return { ...structuredClone(ex), restPath: undefined };
  };

  test('a grant without token_name', () => {
    const ex = listExchange();
    const items = ex.responseBody as Record<string, unknown>[];
    delete items[0]?.token_name;
    expect(validateExchange(ex).join('\n')).toMatch(/token_name/);
  });

  test('wrong types, enum values, undeclared status, bad query and body', () => {
    const ex = listExchange();
    const item = (ex.responseBody as Record<string, unknown>[])[0] as Record<string, unknown>;
    item.repository_selection = 'selected';
    item.token_expires_at = 12;
    expect(validateExchange(ex).length).toBeGreaterThanOrEqual(2);
    expect(validateExchange({ ...listExchange(), status: 201 })).toEqual([
      expect.stringMatching(/status 201 is not declared/),
    ]);
    const q = {
      ...listExchange(),
      path: '/orgs/acme/personal-access-tokens?per_page=abc&direction=up&bogus=1',
    };
    expect(validateExchange(q).join('\n')).toMatch(/per_page[\s\S]*direction[\s\S]*bogus/);
    expect(
      validateExchange({ ...listExchange(), path: '/orgs/acme/personal-access-tokens?per_page=150' }),
    ).toEqual([expect.stringMatching(/exceeds the documented maximum/)]);
    const owners = Array.from({ length: 11 }, (_, i) => `owner[]=u${i}`).join('&');
    expect(
      validateExchange({ ...listExchange(), path: `/orgs/acme/personal-access-tokens?${owners}` }),
    ).not.toEqual([]);
    const post: Exchange = {
      ...listExchange(),
      method: 'POST',
      path: '/orgs/acme/personal-access-tokens',
      restPath: undefined,
      body: { action: 'delete', pat_ids: ['1'] },
      status: 202,
      responseBody: {},
    };
    expect(validateExchange(post).length).toBeGreaterThanOrEqual(2);
    expect(validateExchange({ ...post, method: 'GET', path: '/orgs/acme/no-such-thing' })).toEqual([
      expect.stringMatching(/no operation/),
    ]);
  });
});
