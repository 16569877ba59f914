// @vitest-environment node
// Approving and denying pending requests with the real worker against the fake GitHub: batches
// of at most 100 with the owner's reason, verification against the reloaded pending list, the
// log, approvals reloaded into the grants cache, a worker stopped mid-request, and an App that
// lacks the permission.
import { beforeEach, describe, expect, it } from 'vitest';
import { readLog } from '../../lib/cache';
import { readGrants } from '../../lib/worker/grants-cache';
import type { Exchange, FakeGitHub } from '../fake-github/server.ts';
import { DEFAULT_PERMISSIONS } from '../fake-github/state.ts';
import {
  drive,
  jobDone,
  ORG,
  privateKeyWorker,
  restartedWorker,
  settle,
  storedJob,
  useFakeGitHub,
} from './harness';

const REVIEW_PATH = `/orgs/${ORG}/personal-access-token-requests`;
const WRITE = { ...DEFAULT_PERMISSIONS, organization_personal_access_token_requests: 'write' };
const REASON = 'Approved for the Q3 release — see <b>SEC-42</b>';
let fake: FakeGitHub;
const startedFake = useFakeGitHub();
beforeEach(() => {
  fake = startedFake();
});

const reviewPosts = () => fake.requests.filter((ex) => ex.method === 'POST' && ex.restPath === REVIEW_PATH);
const idsOf = (ex: Exchange) => (ex.body as { pat_request_ids: number[] }).pat_request_ids;
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

describe('reviewing pending requests', () => {
  it('approves 150 and denies 30 in batches of ≤ 100 with the reason; the log and the grants follow', async () => {
    fake.seedOrg(ORG, { grants: 40, requests: 220, seed: 5, permissions: WRITE });
    const worker = await privateKeyWorker(fake);
    await settle(worker.call('grants.load', { org: ORG, refresh: true }));
    const meta = await settle(worker.call('requests.load', { org: ORG, refresh: true }));
    expect(meta.count).toBe(220);
    const read = await settle(worker.call('requests.read', { org: ORG, loadedAt: meta.loadedAt, offset: 0 }));
    const ids = read.requests.map((r) => r.grantId);
    const approve = ids.slice(0, 150);
    const deny = ids.slice(150, 180);

    await settle(worker.call('requests.review', { kind: 'approve', org: ORG, ids: approve, reason: REASON }));
    await drive(jobDone);
    await settle(worker.call('requests.review', { kind: 'deny', org: ORG, ids: deny, reason: '' }));
    await drive(jobDone);

    for (const post of reviewPosts()) expect(idsOf(post).length).toBeLessThanOrEqual(100);
    expect(reviewPosts().map((p) => (p.body as { action: string }).action)).toEqual([
      'approve',
      'approve',
      'deny',
    ]);
    const decisions = fake.requestDecisions(ORG);
    expect(sorted(decisions.filter((d) => d.action === 'approve').map((d) => d.id))).toEqual(sorted(approve));
    expect(sorted(decisions.filter((d) => d.action === 'deny').map((d) => d.id))).toEqual(sorted(deny));
    expect(new Set(decisions.filter((d) => d.action === 'approve').map((d) => d.reason))).toEqual(
      new Set([REASON]),
    );
    expect(decisions.filter((d) => d.action === 'deny').every((d) => d.reason === null)).toBe(true);
    expect(decisions.every((d) => d.applied)).toBe(true);

    expect(await worker.call('jobs.latest', { org: ORG })).toMatchObject({
      kind: 'deny',
      total: 30,
      done: 30,
    });
    const log = await readLog();
    const approved = log.filter((e) => e.outcome === 'approved');
    expect(sorted(approved.map((e) => e.grantId))).toEqual(sorted(approve));
    expect(approved.every((e) => e.reviewReason === REASON && e.actor !== '')).toBe(true);
    expect(sorted(log.filter((e) => e.outcome === 'denied').map((e) => e.grantId))).toEqual(sorted(deny));

    // The approvals are grants now, and the cached grants were reloaded with them.
    const approvedTokens = new Set(read.requests.slice(0, 150).map((r) => r.tokenId));
    const cachedGrants = (await readGrants(ORG))?.tokens ?? [];
    expect(cachedGrants.filter((t) => approvedTokens.has(t.tokenId))).toHaveLength(150);
    expect(cachedGrants).toHaveLength(190);
    const pending = (await settle(worker.call('requests.load', { org: ORG, refresh: false }))).count;
    expect(pending).toBe(40);
  });

  it('finishes after the worker stops mid-request, though GitHub refuses the re-sent batch as already decided', async () => {
    fake.seedOrg(ORG, { grants: 10, requests: 250, seed: 6, permissions: WRITE });
    let posts = 0;
    let stopped = false;
    const never = new Promise<Response>(() => {});
    const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      if (stopped) return never;
      if (init?.method === 'POST' && String(input).endsWith(REVIEW_PATH) && ++posts === 2) {
        stopped = true; // GitHub gets the second batch; the worker never hears back
        void fake.fetch(input, init).catch(() => undefined);
        return never;
      }
      return fake.fetch(input, init);
    };
    const first = await privateKeyWorker(fake, { fetch });
    const meta = await settle(first.call('requests.load', { org: ORG, refresh: true }));
    const read = await settle(first.call('requests.read', { org: ORG, loadedAt: meta.loadedAt, offset: 0 }));
    const ids = read.requests.map((r) => r.grantId);
    await settle(first.call('requests.review', { kind: 'deny', org: ORG, ids, reason: 'Too broad' }));
    await drive(() => reviewPosts().filter((p) => p.status === 202).length === 2);
    expect((await storedJob())?.phase).toBe('running');
    // GitHub applies what it accepted before the next worker starts.
    fake.settleRevocations();

    const second = restartedWorker(fake);
    await settle(second.resumeJobs());
    await drive(jobDone);
    const statuses = reviewPosts().map((p) => p.status);
    expect(statuses).toEqual([202, 202, 422, 202]);
    expect(sorted(fake.requestDecisions(ORG).map((d) => d.id))).toEqual(sorted(ids));
    expect(await second.call('jobs.latest', { org: ORG })).toMatchObject({
      total: 250,
      done: 250,
      failed: 0,
    });
  });

  it('says which App permission is missing, to list and to decide', async () => {
    fake.seedOrg(ORG, { grants: 10, requests: 5, seed: 7 }); // requests: read only
    const worker = await privateKeyWorker(fake);
    const meta = await settle(worker.call('requests.load', { org: ORG, refresh: true }));
    const read = await settle(worker.call('requests.read', { org: ORG, loadedAt: meta.loadedAt, offset: 0 }));
    const ids = read.requests.map((r) => r.grantId);
    await settle(worker.call('requests.review', { kind: 'approve', org: ORG, ids, reason: '' }));
    await drive(jobDone);
    const job = await storedJob();
    expect(job?.items.every((item) => item.state === 'failed')).toBe(true);
    expect(job?.items[0]?.reason).toMatch(
      /"Personal access token requests" permission PATrol needs to approve/,
    );

    fake.seedOrg('other', {
      grants: 10,
      requests: 5,
      seed: 8,
      permissions: { organization_personal_access_tokens: 'write' },
    });
    await expect(settle(worker.call('requests.load', { org: 'other', refresh: true }))).rejects.toThrow(
      /"Personal access token requests" permission PATrol needs to list pending requests/,
    );
  });
});
