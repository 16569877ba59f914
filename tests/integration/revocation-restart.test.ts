// @vitest-environment node
// A revocation outlives its worker. Chrome stops an MV3 worker whenever it likes; the next one
// (same storage, same IndexedDB, nothing in memory) must finish the job from what was saved:
// nothing recorded is sent again, nothing is lost, and GitHub ends up with exactly the selection.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readLog } from '../../lib/cache';
import { JOB_ALARM, JOB_HEARTBEAT_ALARM } from '../../lib/worker/job-runner';
import type { Worker } from '../../lib/worker/service';
import type { FakeGitHub } from '../fake-github/server.ts';
import {
  drive,
  expectRevokedExactly,
  followSummaries,
  idsOf,
  jobDone,
  loadAllGrantIds,
  ORG,
  privateKeyWorker,
  REVOKE_PATH,
  restartedWorker,
  revokePosts,
  settle,
  storedJob,
  tokenMints,
  useFakeGitHub,
} from './harness';

const GRANTS = 2_000;
let fake: FakeGitHub;
const startedFake = useFakeGitHub();
beforeEach(() => {
  fake = startedFake();
});

/**
 * A fetch for a worker that Chrome stops while its `stopAt`-th revoke request is in flight:
 * GitHub receives and applies that request, the worker never hears back, and nothing it does
 * afterwards reaches the network (a stopped worker runs no code).
 */
function stoppableFetch(stopAt: number) {
  let posts = 0;
  const state = { stopped: false };
  const never = new Promise<Response>(() => {});
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (state.stopped) return never;
    const isRevoke = init?.method === 'POST' && String(input).endsWith(REVOKE_PATH);
    if (isRevoke && ++posts === stopAt) {
      state.stopped = true;
      void fake.fetch(input, init).catch(() => undefined);
      return never;
    }
    return fake.fetch(input, init);
  };
  return { fetch, state };
}

async function selectAll(service: Worker, seed: number): Promise<number[]> {
  fake.seedOrg(ORG, { grants: GRANTS, seed });
  return loadAllGrantIds(service);
}

async function expectLogged(selection: number[]): Promise<void> {
  const log = await readLog();
  expect(log.map((entry) => entry.grantId).sort((a, b) => a - b)).toEqual(
    [...selection].sort((a, b) => a - b),
  );
  expect(log.every((entry) => entry.outcome === 'revoked')).toBe(true);
}

describe('a revocation job across a worker restart', () => {
  it('resumes after the worker stops mid-request, re-sending only the batch whose 202 was never recorded', async () => {
    const stoppable = stoppableFetch(8);
    const first = await privateKeyWorker(fake, { fetch: stoppable.fetch });
    const selection = await selectAll(first, 21);
    await settle(first.call('jobs.start', { kind: 'revoke', org: ORG, ids: selection }));
    // Until GitHub has accepted the 8th batch, whose answer the stopped worker never reads.
    await drive(() => revokePosts(fake).filter((post) => post.status === 202).length === 8);
    const inFlight = idsOf(revokePosts(fake)[7] ?? never());

    const saved = await storedJob();
    const recorded = new Set(saved?.items.filter((t) => t.state === 'sent').map((t) => t.id));
    expect(saved?.phase).toBe('running');
    expect(recorded.size).toBe(700);
    expect(inFlight.filter((id) => recorded.has(id))).toEqual([]);
    const postsBefore = revokePosts(fake).length;

    // A new worker: nothing in memory, the same storage. It starts by resuming (background.ts).
    const second = restartedWorker(fake);
    await settle(second.resumeJobs());
    await drive(jobDone);

    const resent = revokePosts(fake).slice(postsBefore).flatMap(idsOf);
    expect(resent.filter((id) => recorded.has(id))).toEqual([]);
    // The one batch GitHub accepted but the job had not yet recorded is sent again (revoking is
    // idempotent): that is the whole of the duplication, 100 ids.
    const duplicates = await expectRevokedExactly(fake, selection);
    expect(duplicates).toBe(inFlight.length);
    expect(resent.filter((id) => inFlight.includes(id)).sort()).toEqual([...inFlight].sort());
    expect(await second.call('jobs.latest', { org: ORG })).toMatchObject({
      total: GRANTS,
      done: GRANTS,
      failed: 0,
      unconfirmed: 0,
    });
    await expectLogged(selection);
    // The installation token outlived the worker (storage.session): no new one was minted.
    expect(tokenMints(fake)).toHaveLength(1);
    expect(stoppable.state.stopped).toBe(true);
  });

  it('is woken by its alarm after the worker stops while the job waits out a rate limit', async () => {
    const first = await privateKeyWorker(fake);
    const selection = await selectAll(first, 22);
    await settle(first.call('jobs.start', { kind: 'revoke', org: ORG, ids: selection }));
    const pushed = await followSummaries(first);
    let armed = false;
    await drive(
      () => armed && pushed()?.phase === 'waiting',
      () => {
        if (!armed && revokePosts(fake).length === 5) {
          armed = true;
          fake.faults.secondaryRateLimitNext({ method: 'POST', pathIncludes: REVOKE_PATH }, 1, 90);
        }
      },
    );
    const parked = await storedJob();
    const waitingUntil = parked?.waitingUntil ?? 0;
    // GitHub said 90 s: the job waits at least that long after the refused request.
    const refused = revokePosts(fake).find((post) => post.fault === 'secondary');
    expect(waitingUntil).toBeGreaterThanOrEqual((refused?.time ?? Number.POSITIVE_INFINITY) + 85_000);
    const sentBefore = revokePosts(fake).length;

    // Chrome stops the idle worker: its timers die with it, its alarms do not.
    vi.clearAllTimers();
    const alarm = await fakeBrowser.alarms.get(JOB_ALARM);
    const heartbeat = await fakeBrowser.alarms.get(JOB_HEARTBEAT_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(waitingUntil);
    expect(heartbeat?.periodInMinutes).toBe(0.5);

    // The alarm fires: Chrome starts a new worker, which resumes the job.
    vi.setSystemTime(alarm?.scheduledTime ?? waitingUntil);
    const second = restartedWorker(fake);
    await settle(second.resumeJobs());
    await drive(jobDone);

    // Nothing was accepted twice: the rate-limited request never reached the queue.
    expect(await expectRevokedExactly(fake, selection)).toBe(0);
    expect(
      revokePosts(fake)
        .slice(sentBefore)
        .every((post) => post.fault === undefined),
    ).toBe(true);
    await expectLogged(selection);
    // The finished job stops the heartbeat.
    await settle(second.resumeJobs());
    expect(await fakeBrowser.alarms.get(JOB_HEARTBEAT_ALARM)).toBeUndefined();
  });
});

function never(): never {
  throw new Error('expected a request');
}
