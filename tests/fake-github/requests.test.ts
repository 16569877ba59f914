// @vitest-environment node
// The fake's pending-request endpoints: listing, bulk and single review (asynchronous, all or
// nothing, ≤ 100 ids, reason ≤ 1,024), approvals becoming grants; every exchange validated
// against GitHub's OpenAPI description.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { validateAll } from './openapi.ts';
import { type FakeGitHub, startFakeGitHub } from './server.ts';
import { DEFAULT_PERMISSIONS } from './state.ts';
import { type Api, apiFor, mintInstallationToken } from './testkit.ts';

let fake: FakeGitHub;
let api: Api;
let token: string;
const WRITE = { ...DEFAULT_PERMISSIONS, organization_personal_access_token_requests: 'write' };

beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 300 });
  api = apiFor(fake);
});
afterAll(async () => fake?.close());
beforeEach(async () => {
  fake.reset();
  fake.seedOrg('acme', { grants: 100, requests: 150, seed: 7, permissions: WRITE });
  fake.seedOrg('readonly', { grants: 10, requests: 5, seed: 8 });
  token = await mintInstallationToken(fake, 'acme');
});

const review = (body: unknown, org = 'acme', as = token) =>
  api(`/orgs/${org}/personal-access-token-requests`, {
    method: 'POST',
    token: as,
    body: JSON.stringify(body),
  });
const listIds = async (query = 'per_page=100') => {
  const res = await api(`/orgs/acme/personal-access-token-requests?${query}`, { token });
  return { res, ids: ((await res.json()) as { id: number }[]).map((r) => r.id) };
};

describe('pending requests', () => {
  test('are listed newest first with paging, in the description’s shape', async () => {
    const first = await listIds();
    expect(first.ids).toHaveLength(100);
    expect(first.res.headers.get('link')).toMatch(/rel="next"/);
    const second = await listIds('per_page=100&page=2');
    expect(second.ids).toHaveLength(50);
    expect([...first.ids, ...second.ids]).toEqual(fake.pendingRequests('acme').map((r) => r.id));
    expect(validateAll(fake.requests)).toEqual([]);
  });

  test('a bulk review is accepted (202), queued, then applied; approvals become grants', async () => {
    const pending = fake.pendingRequests('acme');
    const approve = pending.slice(0, 3).map((r) => r.id);
    const deny = pending.slice(3, 5).map((r) => r.id);
    const a = await review({ action: 'approve', pat_request_ids: approve, reason: 'Fine for CI' });
    const d = await review({ action: 'deny', pat_request_ids: deny, reason: null });
    expect([a.status, await a.json(), d.status]).toEqual([202, {}, 202]);
    // Asynchronous: still listed right after the 202.
    expect((await listIds()).ids.slice(0, 5)).toEqual([...approve, ...deny]);
    fake.settleRevocations();
    const after = (await listIds()).ids;
    for (const id of [...approve, ...deny]) expect(after).not.toContain(id);
    const decisions = fake.requestDecisions('acme');
    expect(decisions.map(({ id, action, reason }) => ({ id, action, reason }))).toEqual(
      [
        ...approve.map((id) => ({ id, action: 'approve', reason: 'Fine for CI' })),
        ...deny.map((id) => ({ id, action: 'deny', reason: null })),
      ].sort((x, y) => x.id - y.id),
    );
    const grants = fake.liveGrants('acme');
    expect(grants).toHaveLength(103);
    const approvedTokens = pending.slice(0, 3).map((r) => r.token_id);
    const newGrants = grants.filter((g) => approvedTokens.includes(g.token_id));
    expect(newGrants.map((g) => g.token_name).sort()).toEqual(
      pending
        .slice(0, 3)
        .map((r) => r.token_name)
        .sort(),
    );
    // A grant id of its own, not the request's.
    for (const g of newGrants) expect(approve).not.toContain(g.id);
    expect(
      grants
        .slice(0, 3)
        .map((g) => g.token_id)
        .sort(),
    ).toEqual([...approvedTokens].sort());
    expect(validateAll(fake.requests)).toEqual([]);
  });

  test('unknown or already applied ids refuse the whole batch with 422; a queued repeat is accepted', async () => {
    const [first, second] = fake.pendingRequests('acme').map((r) => r.id);
    expect((await review({ action: 'approve', pat_request_ids: [first, 1] })).status).toBe(422);
    expect(fake.requestDecisions('acme')).toEqual([]);
    expect((await review({ action: 'deny', pat_request_ids: [first] })).status).toBe(202);
    expect((await review({ action: 'deny', pat_request_ids: [first] })).status).toBe(202);
    expect((await review({ action: 'approve', pat_request_ids: [first] })).status).toBe(422);
    fake.settleRevocations();
    expect((await review({ action: 'deny', pat_request_ids: [first, second] })).status).toBe(422);
    expect(fake.requestDecisions('acme').map((d) => d.id)).toEqual([first]);
    expect(validateAll(fake.requests)).toEqual([]);
  });

  test('body validation: action, 1–100 integer ids, reason ≤ 1,024 characters', async () => {
    const id = fake.pendingRequests('acme')[0]?.id ?? 0;
    const bodies = [
      { pat_request_ids: [id] },
      { action: 'revoke', pat_request_ids: [id] },
      { action: 'approve' },
      { action: 'approve', pat_request_ids: [] },
      { action: 'approve', pat_request_ids: Array.from({ length: 101 }, (_, i) => i + 1) },
      { action: 'approve', pat_request_ids: [String(id)] },
      { action: 'deny', pat_request_ids: [id], reason: 'x'.repeat(1025) },
    ];
    const statuses = [];
    for (const body of bodies) statuses.push((await review(body)).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 422, 422]);
    expect((await review({ action: 'deny', pat_request_ids: [id], reason: 'é'.repeat(1024) })).status).toBe(
      202,
    );
    expect(fake.requestDecisions('acme').map((d) => d.id)).toEqual([id]);
  });

  test('the single review answers 204 and applies at once; then 404', async () => {
    const id = fake.pendingRequests('acme')[0]?.id ?? 0;
    const path = `/orgs/acme/personal-access-token-requests/${id}`;
    const body = JSON.stringify({ action: 'deny', reason: 'Too broad' });
    expect((await api(path, { method: 'POST', token, body })).status).toBe(204);
    expect(fake.pendingRequests('acme').some((r) => r.id === id)).toBe(false);
    expect((await api(path, { method: 'POST', token, body })).status).toBe(404);
    expect(validateAll(fake.requests)).toEqual([]);
  });

  test('reviewing needs the write permission; reading needs read', async () => {
    const readonly = await mintInstallationToken(fake, 'readonly');
    const id = fake.pendingRequests('readonly')[0]?.id ?? 0;
    const res = await review({ action: 'approve', pat_request_ids: [id] }, 'readonly', readonly);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-accepted-github-permissions')).toBe(
      'organization_personal_access_token_requests=write',
    );
    const list = await api('/orgs/readonly/personal-access-token-requests', { token: readonly });
    expect(list.status).toBe(200);
    const org = fake.state.orgs.get('readonly');
    if (org) org.permissions = { organization_personal_access_tokens: 'write' };
    const fresh = await mintInstallationToken(fake, 'readonly');
    expect((await api('/orgs/readonly/personal-access-token-requests', { token: fresh })).status).toBe(403);
  });
});
