// @vitest-environment node
// GET /orgs/{org}/members: the fake as GitHub documents it (role=, pages, Members: read, the
// OpenAPI description) and lib/github/members.ts reading it through the worker's own Octokit.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { BudgetGate, RequestBudget } from '../../lib/github/budget';
import { createClient, type GitHubClient } from '../../lib/github/client';
import { EtagMemo } from '../../lib/github/etag-memo';
import { listMembers } from '../../lib/github/members';
import { validateAll } from '../fake-github/openapi';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server';
import { mintInstallationToken } from '../fake-github/testkit';

let fake: FakeGitHub;

beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(async () => fake?.close());
beforeEach(() => {
  fake.reset();
  const big = fake.seedOrg('big', { grants: 240, owners: ['octo-owner', 'second-owner'] });
  // Two token owners left the org: their tokens stay listed, as on GitHub.
  const leavers = big.users.slice(0, 2).map((u) => u.login.toLowerCase());
  for (const login of leavers) big.members.delete(login);
  fake.seedOrg('no-members', {
    grants: 3,
    permissions: { organization_personal_access_tokens: 'write' },
  });
});

async function clientFor(org: string): Promise<GitHubClient> {
  return createClient({
    baseUrl: 'https://api.github.com',
    auth: await mintInstallationToken(fake, org),
    fetch: fake.fetch as unknown as typeof fetch,
    gate: new BudgetGate(new RequestBudget()),
    memo: new EtagMemo(),
    retryAfterBaseValue: 10,
  });
}

const memberRequests = () => fake.requests.filter((r) => r.path.includes('/members'));

describe('GET /orgs/{org}/members in the fake', () => {
  test('filters by role, pages by Link and matches the OpenAPI description', async () => {
    const client = await clientFor('big');
    const org = fake.state.orgs.get('big');
    const truth = [...(org?.members.values() ?? [])];
    const all = await client.paginate('GET /orgs/{org}/members', { org: 'big', role: 'all', per_page: 10 });
    expect(all.map((u) => u.login).sort()).toEqual(truth.map((m) => m.login).sort());
    expect(all.length).toBeGreaterThan(20);
    const admins = await client.request('GET /orgs/{org}/members', { org: 'big', role: 'admin' });
    expect(admins.data.map((u) => u.login).sort()).toEqual(['octo-owner', 'second-owner']);
    const plain = await client.paginate('GET /orgs/{org}/members', {
      org: 'big',
      role: 'member',
      per_page: 10,
    });
    expect(plain.length).toBe(truth.length - 2);
    expect(memberRequests().some((r) => /rel="next"/.test(r.responseHeaders.link ?? ''))).toBe(true);
    expect(validateAll(fake.requests)).toEqual([]);
  });

  test('refuses an unknown role (422) and an App without Members: read (403, as GitHub)', async () => {
    const client = await clientFor('big');
    await expect(
      client.request('GET /orgs/{org}/members', { org: 'big', role: 'boss' as 'all' }),
    ).rejects.toMatchObject({ status: 422 });
    const denied = await clientFor('no-members');
    await expect(client.request('GET /orgs/{org}/members', { org: 'nope' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(denied.request('GET /orgs/{org}/members', { org: 'no-members' })).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/Resource not accessible by integration/),
    });
    expect(
      memberRequests().find((r) => r.status === 403)?.responseHeaders['x-accepted-github-permissions'],
    ).toBe('members=read');
    // The request with role=boss is outside the description on purpose; every answer is inside.
    expect(validateAll(fake.requests, { request: false })).toEqual([]);
  });
});

describe('listMembers', () => {
  test('gives each login its role: owner, member, or absent for people who left', async () => {
    const result = await listMembers(await clientFor('big'), 'big');
    if (!result.available) throw new Error(result.message);
    const org = fake.state.orgs.get('big');
    expect(result.roles.get('octo-owner')).toBe('owner');
    expect(result.roles.get('second-owner')).toBe('owner');
    expect(result.roles.get('octo-member')).toBe('member');
    expect(result.roles.size).toBe(org?.members.size);
    const leaver = org?.users[0]?.login.toLowerCase() ?? '';
    expect(result.roles.has(leaver)).toBe(false);
    expect(
      new Set(memberRequests().map((r) => new URL(r.path, 'https://x').searchParams.get('role'))),
    ).toEqual(new Set(['admin', 'all']));
  });

  test('without Members: read says how to grant it instead of failing', async () => {
    const result = await listMembers(await clientFor('no-members'), 'no-members');
    expect(result).toEqual({ available: false, message: expect.stringMatching(/Members: Read-only/) });
  });
});
