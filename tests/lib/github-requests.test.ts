// @vitest-environment node
// lib/github/requests.ts with the worker's Octokit against the fake GitHub: every page of the
// pending list, bulk and single reviews with their reason, the ≤ 100 and ≤ 1,024 limits, and
// a request's repositories. Every exchange is checked against GitHub's OpenAPI description.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BudgetGate, RequestBudget } from '../../lib/github/budget';
import { createClient, type GitHubClient } from '../../lib/github/client';
import { EtagMemo } from '../../lib/github/etag-memo';
import {
  listAllRequests,
  listRequestRepositories,
  reviewRequest,
  reviewRequestBatch,
} from '../../lib/github/requests';
import { validateAll } from '../fake-github/openapi';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server';
import { DEFAULT_PERMISSIONS } from '../fake-github/state';
import { mintInstallationToken } from '../fake-github/testkit';

let fake: FakeGitHub;
let client: GitHubClient;
const WRITE = { ...DEFAULT_PERMISSIONS, organization_personal_access_token_requests: 'write' };

beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 200 });
});
afterAll(async () => fake?.close());
beforeEach(async () => {
  fake.reset();
  fake.seedOrg('acme', { grants: 20, requests: 230, seed: 3, permissions: WRITE });
  client = createClient({
    baseUrl: 'https://api.github.com',
    auth: await mintInstallationToken(fake, 'acme'),
    fetch: fake.fetch as unknown as typeof fetch,
    gate: new BudgetGate(new RequestBudget()),
    memo: new EtagMemo(),
    retryAfterBaseValue: 10,
  });
});

describe('listAllRequests', () => {
  it('reads every page once and keeps the reason and the request time', async () => {
    const progress: number[] = [];
    const requests = await listAllRequests(client, 'acme', ({ loaded }) => progress.push(loaded));
    const expected = fake.pendingRequests('acme');
    expect(requests.map((r) => r.grantId)).toEqual(expected.map((r) => r.id));
    expect(requests.map((r) => r.reason)).toEqual(expected.map((r) => r.reason));
    expect(requests[0]?.requestedAt?.getTime()).toBe(Date.parse(expected[0]?.created_at ?? ''));
    expect(requests.every((r) => r.grantedAt === null)).toBe(true);
    const lists = fake.requests.filter((x) => x.path.includes('personal-access-token-requests'));
    expect(lists).toHaveLength(3);
    expect(progress).toEqual([100, 200, 230, 230]);
    expect(validateAll(fake.requests)).toEqual([]);
  });
});

describe('reviewRequestBatch', () => {
  it('sends one POST of the ids with the action and the reason; GitHub applies it later', async () => {
    const ids = fake
      .pendingRequests('acme')
      .slice(0, 100)
      .map((r) => r.id);
    await reviewRequestBatch(client, 'acme', ids, 'approve', 'Needed for the release');
    const posts = fake.requests.filter((x) => x.method === 'POST' && x.path.includes('token-requests'));
    expect(posts.map((p) => p.body)).toEqual([
      { action: 'approve', pat_request_ids: ids, reason: 'Needed for the release' },
    ]);
    fake.settleRevocations();
    expect(fake.pendingRequests('acme')).toHaveLength(130);
    expect(fake.liveGrants('acme')).toHaveLength(120);
    expect(validateAll(fake.requests)).toEqual([]);
  });

  it('refuses more than 100 ids, none, and a reason over 1,024 characters before sending', async () => {
    const ids = fake.pendingRequests('acme').map((r) => r.id);
    await expect(reviewRequestBatch(client, 'acme', ids.slice(0, 101), 'deny', null)).rejects.toThrow(
      RangeError,
    );
    await expect(reviewRequestBatch(client, 'acme', [], 'deny', null)).rejects.toThrow(RangeError);
    await expect(
      reviewRequestBatch(client, 'acme', ids.slice(0, 2), 'deny', 'x'.repeat(1025)),
    ).rejects.toThrow(/1024/);
    expect(fake.requests.filter((x) => x.method === 'POST' && x.path.includes('token-requests'))).toEqual([]);
  });

  it('surfaces GitHub’s 422 for an id that is not pending, and nothing is decided', async () => {
    const [id] = fake.pendingRequests('acme').map((r) => r.id);
    await expect(reviewRequestBatch(client, 'acme', [id ?? 0, 1], 'deny', null)).rejects.toMatchObject({
      status: 422,
    });
    expect(fake.requestDecisions('acme')).toEqual([]);
  });
});

describe('reviewRequest and listRequestRepositories', () => {
  it('denies one request with its reason at once', async () => {
    const id = fake.pendingRequests('acme')[5]?.id ?? 0;
    await reviewRequest(client, 'acme', id, 'deny', 'Too broad');
    expect(fake.requestDecisions('acme')).toMatchObject([
      { id, action: 'deny', reason: 'Too broad', applied: true },
    ]);
  });

  it('lists the repositories a subset request asks for', async () => {
    const org = fake.state.orgs.get('acme');
    const subset = org?.requests.find((r) => r.repositorySelection === 'subset');
    const names = await listRequestRepositories(client, 'acme', subset?.id ?? 0);
    expect(names).toEqual(subset?.repoIds.map((id) => `acme/${org?.reposById.get(id)?.name}`));
    expect(validateAll(fake.requests)).toEqual([]);
  });
});
