// @vitest-environment node
// Against the fake GitHub (which follows GitHub's caching): reloading an unchanged org is
// answered 304 page by page and costs no primary rate limit; a change is seen at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BudgetGate, RequestBudget } from '../../lib/github/budget';
import { createClient } from '../../lib/github/client';
import { EtagMemo } from '../../lib/github/etag-memo';
import { listAllGrants } from '../../lib/github/grants';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server.ts';
import { apiFor, mintInstallationToken } from '../fake-github/testkit.ts';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 0 });
});
afterAll(async () => fake.close());

it('a refresh of an unchanged org: every page 304, no rate-limit point; then a revocation shows', async () => {
  fake.seedOrg('acme', { grants: 450, seed: 3 });
  const token = await mintInstallationToken(fake);
  const client = createClient({
    baseUrl: 'https://api.github.com',
    auth: token,
    fetch: fake.fetch,
    gate: new BudgetGate(new RequestBudget()),
    memo: new EtagMemo(),
  });
  const remaining = async () =>
    Number((await apiFor(fake)('/rate_limit', { token })).headers.get('x-ratelimit-remaining'));
  const first = await listAllGrants(client, 'acme');
  expect(first).toHaveLength(450);
  const before = await remaining();
  const seen = fake.requests.length;

  const again = await listAllGrants(client, 'acme');
  expect(again).toEqual(first);
  const refresh = fake.requests.slice(seen).filter((ex) => ex.restPath?.includes('personal-access-tokens'));
  expect(refresh.map((ex) => ex.status)).toEqual([304, 304, 304, 304, 304]);
  expect(await remaining()).toBe(before);

  const gone = first[0]?.grantId as number;
  await client.request('POST /orgs/{org}/personal-access-tokens', {
    org: 'acme',
    action: 'revoke',
    pat_ids: [gone],
  });
  const after = await listAllGrants(client, 'acme');
  expect(after.map((t) => t.grantId)).not.toContain(gone);
  expect(after).toHaveLength(449);
});
