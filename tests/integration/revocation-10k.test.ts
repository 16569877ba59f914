// @vitest-environment node
// Revoking 10,000 grants through the real worker against the fake GitHub: 100 bulk requests,
// and the same guarantees when GitHub rate-limits, fails, expires the token and drops sockets.
import { beforeEach, describe, expect, it } from 'vitest';
import { readLog } from '../../lib/cache';
import { createJob } from '../../lib/jobs/engine';
import { listJobs, readJob, saveJob } from '../../lib/worker/job-store';
import type { Worker } from '../../lib/worker/service';
import type { FakeGitHub } from '../fake-github/server.ts';
import { makeToken } from '../lib/token-factory';
import {
  drive,
  expectRevokedExactly,
  idsOf,
  jobDone,
  loadAllGrantIds,
  ORG,
  privateKeyWorker,
  REVOKE_PATH,
  revokePosts,
  settle,
  tokenMints,
  useFakeGitHub,
} from './harness';

const GRANTS = 10_000;
// Typically 5 s each; the margin is for slow CI machines, not for the code under test.
const SLOW = { timeout: 60_000 };
let fake: FakeGitHub;
const startedFake = useFakeGitHub();
beforeEach(() => {
  fake = startedFake();
});

async function startAll(service: Worker): Promise<number[]> {
  fake.seedOrg(ORG, { grants: GRANTS, seed: 11 });
  const selection = await loadAllGrantIds(service);
  expect(selection).toHaveLength(GRANTS);
  const started = await settle(service.call('jobs.start', { kind: 'revoke', org: ORG, ids: selection }));
  expect(started).toMatchObject({ total: GRANTS, phase: 'running' });
  return selection;
}

async function expectFinished(service: Worker, selection: number[]): Promise<void> {
  const status = await service.call('jobs.latest', { org: ORG });
  expect(status).toMatchObject({ total: GRANTS, done: GRANTS, failed: 0, unconfirmed: 0, phase: 'done' });
  const log = await readLog();
  expect(log).toHaveLength(GRANTS);
  expect(new Set(log.map((entry) => entry.grantId))).toEqual(new Set(selection));
  expect(log.every((entry) => entry.outcome === 'revoked' && entry.org === ORG)).toBe(true);
}

describe('revoking 10,000 grants', () => {
  it('sends exactly 100 requests of at most 100 ids, each id once', SLOW, async () => {
    const service = await privateKeyWorker(fake);
    const selection = await startAll(service);
    await drive(jobDone);

    const posts = revokePosts(fake);
    expect(posts).toHaveLength(100);
    expect(posts.every((post) => post.status === 202 && idsOf(post).length === 100)).toBe(true);
    expect(await expectRevokedExactly(fake, selection)).toBe(0);
    expect(tokenMints(fake)).toHaveLength(1);
    await expectFinished(service, selection);
  });

  it(
    'keeps every guarantee through a secondary rate limit, a 5xx burst, an early token expiry and a dropped socket',
    SLOW,
    async () => {
      const service = await privateKeyWorker(fake);
      const selection = await startAll(service);
      const post = { method: 'POST', pathIncludes: REVOKE_PATH };
      const armed = new Set<string>();
      const once = (name: string, when: boolean, arm: () => void) => {
        if (when && !armed.has(name)) {
          armed.add(name);
          arm();
        }
      };
      await drive(jobDone, () => {
        const accepted = revokePosts(fake).filter((ex) => ex.status === 202).length;
        // GitHub's usual answer: 403, retry-after 60 s. Too long to sleep in a worker: the job parks.
        once('secondary', accepted === 20, () => fake.faults.secondaryRateLimitNext(post, 1, 60));
        // Five 502s: more than Octokit's three retries, so the job backs off once as well.
        once('5xx', accepted === 40, () => fake.faults.failNext(post, 5, 502));
        once('expiry', accepted === 60, () => fake.faults.expireTokensNow());
        once('drop', accepted === 80, () => fake.faults.dropConnectionsNext(post, 1));
      });

      expect([...armed]).toEqual(['secondary', '5xx', 'expiry', 'drop']);
      const posts = revokePosts(fake);
      expect(posts.filter((ex) => ex.fault === 'secondary')).toHaveLength(1);
      expect(posts.filter((ex) => ex.fault === 'fail')).toHaveLength(5);
      expect(posts.filter((ex) => ex.fault === 'drop')).toHaveLength(1);
      expect(posts.filter((ex) => ex.status === 401)).toHaveLength(1);
      // None of the refused requests reached GitHub's revocation queue, so nothing was re-sent.
      expect(await expectRevokedExactly(fake, selection)).toBe(0);
      expect(posts.filter((ex) => ex.status === 202)).toHaveLength(100);
      // The expired token was replaced by a freshly minted one.
      expect(tokenMints(fake)).toHaveLength(2);
      await expectFinished(service, selection);
    },
  );

  it('keeps the saved job history within its budget after many large revocations', async () => {
    const items = Array.from({ length: GRANTS }, (_, i) => {
      const token = makeToken({
        grantId: 1 + i,
        tokenName: 'deploy (prod) – do not delete',
        ownerLogin: 'carla-kowalski',
      });
      return { id: token.grantId, tokenId: token.tokenId, name: token.tokenName, owner: token.ownerLogin };
    });
    const running = createJob(
      { id: 'running', kind: 'revoke', org: 'other-org', actor: 'octo-owner', items },
      0,
    );
    await saveJob(running);
    for (let round = 1; round <= 12; round++) {
      const job = createJob(
        { id: `done-${round}`, kind: 'revoke', org: ORG, actor: 'octo-owner', items },
        round,
      );
      await saveJob({
        ...job,
        phase: 'done',
        items: job.items.map((item) => ({ ...item, state: 'done' as const, logged: true })),
      });
    }
    const saved = await Promise.all((await listJobs()).map((header) => readJob(header.id)));
    expect(JSON.stringify(saved).length).toBeLessThan(8_000_000);
    // The unfinished job is never dropped, and the newest finished one is still there to show.
    expect(saved.map((job) => job?.createdAt)).toContain(0);
    expect(saved.at(-1)?.createdAt).toBe(12);
  });
});
