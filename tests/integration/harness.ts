// Shared set-up for the revocation integration tests: a real WorkerService (Octokit with its
// throttling and retry plugins, auth-app, the job runner) talking over real HTTPS sockets to
// the fake GitHub, with the fake browser's storage and fake IndexedDB underneath. Timers and
// Date are faked so that GitHub's pacing (writes 1 s apart, 60 s secondary limits, backoff)
// costs nothing, while sockets, TLS and IndexedDB still run on the real event loop.
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetClientStateForTests } from '../../lib/github/client';
import type { Job } from '../../lib/jobs/job';
import { type JobSummary, PROGRESS_PORT, type ProgressEvent } from '../../lib/protocol';
import type { CredentialDeps } from '../../lib/worker/credentials';
import { forgetAll, readGrants } from '../../lib/worker/grants-cache';
import { forgetWrittenForTests, listJobs, readJob } from '../../lib/worker/job-store';
import { createWorker, type Worker } from '../../lib/worker/service';
import { type Exchange, type FakeGitHub, startFakeGitHub } from '../fake-github/server.ts';

export const ORG = 'acme';
export const REVOKE_PATH = `/orgs/${ORG}/personal-access-tokens`;

// Captured before any test fakes the timers: the harness waits on real I/O with these.
const realSetTimeout = globalThis.setTimeout;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const realPause = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));
/** Real time with nothing scheduled after which a run counts as stuck. */
const STALL_MS = 10_000;

export function freshProfile(): void {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  newWorkerMemory();
}

/** What a new worker process starts with: nothing in memory, only what storage holds. */
export function newWorkerMemory(): void {
  forgetWrittenForTests();
  forgetAll();
  // The request budget's timers died with the old worker (vi.clearAllTimers): so does the budget.
  forgetClientStateForTests();
}

export function useFakeClock(): void {
  // Only what the code under test schedules with: setImmediate stays real, so fake-indexeddb
  // and Node's sockets keep running between the fake ticks.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
}

/** A new worker after Chrome stopped the last one: same storage, nothing in memory. */
export function restartedWorker(fake: FakeGitHub): Worker {
  newWorkerMemory();
  return createWorker({ fetch: fake.fetch });
}

/** Loads the org from GitHub and returns every grant id, as the panel would read them. */
export async function loadAllGrantIds(service: Worker): Promise<number[]> {
  await settle(service.call('grants.load', { org: ORG, refresh: true }));
  return ((await readGrants(ORG))?.tokens ?? []).map((token) => token.grantId);
}

/** A worker configured with the fake app's private key, as the options page would save it. */
export async function privateKeyWorker(fake: FakeGitHub, deps: CredentialDeps = {}): Promise<Worker> {
  const service = createWorker({ fetch: fake.fetch, ...deps });
  await settle(
    service.call('settings.save', {
      mode: 'private-key',
      clientId: fake.app.clientId,
      apiBaseUrl: 'https://api.github.com',
      privateKey: fake.app.privateKeyPkcs1,
      secretStorage: 'session',
    }),
  );
  return service;
}

/**
 * Lets fake time pass until `done` holds. Time only ever jumps to the next pending timer, and
 * only once the real event loop has gone quiet, so a request or an IndexedDB transaction in
 * flight never sees the clock race ahead of it; with no timer pending, real I/O is awaited.
 */
export async function drive(
  done: () => Promise<boolean> | boolean,
  onStep: () => void = () => {},
  maxFakeMs = 30 * 60_000,
): Promise<void> {
  const deadline = Date.now() + maxFakeMs;
  let idleSince = performance.now();
  while (Date.now() <= deadline) {
    onStep();
    if (await done()) return;
    for (let i = 0; i < 5; i++) await turn();
    if (vi.getTimerCount() > 0) {
      await vi.advanceTimersToNextTimerAsync();
      idleSince = performance.now();
    } else if (performance.now() - idleSince > STALL_MS) {
      throw new Error('stalled: no request in flight and no timer set to wake the job');
    } else {
      await realPause(1);
    }
  }
  throw new Error(`not done after ${maxFakeMs / 1000} s of fake time`);
}

/** Awaits a promise whose work needs fake time to pass (Octokit schedules through timers). */
export async function settle<T>(promise: Promise<T>): Promise<T> {
  let outcome: { value: T } | { error: unknown } | undefined;
  promise.then(
    (value) => {
      outcome = { value };
    },
    (error: unknown) => {
      outcome = { error };
    },
  );
  await drive(() => outcome !== undefined);
  if (outcome && 'error' in outcome) throw outcome.error;
  return (outcome as { value: T }).value;
}

export async function storedJob(): Promise<Job | undefined> {
  const newest = (await listJobs()).at(-1);
  return newest ? readJob(newest.id) : undefined;
}

/**
 * The newest summary the worker pushed, as a page following every org would see it. Read
 * synchronously, so `drive` sees a job park before it lets fake time jump to the job's wake.
 */
export async function followSummaries(worker: Worker): Promise<() => JobSummary | undefined> {
  let latest: JobSummary | undefined;
  await worker.hub.connect({
    name: PROGRESS_PORT,
    postMessage: (event) => {
      const pushed = event as ProgressEvent;
      if (pushed.type === 'job') latest = pushed.job;
    },
    onMessage: { addListener: (listener) => listener({ watch: { org: null } }) },
    onDisconnect: { addListener: () => {} },
  });
  return () => latest;
}

/** The newest job's small header: cheap enough to ask between every step of fake time. */
export async function newestHeader() {
  return (await listJobs()).at(-1);
}

export async function jobDone(): Promise<boolean> {
  return (await newestHeader())?.phase === 'done';
}

export const revokePosts = (fake: FakeGitHub): Exchange[] =>
  fake.requests.filter((ex) => ex.method === 'POST' && ex.restPath === REVOKE_PATH);

export const idsOf = (ex: Exchange): number[] => (ex.body as { pat_ids: number[] }).pat_ids;

export const tokenMints = (fake: FakeGitHub): Exchange[] =>
  fake.requests.filter((ex) => ex.method === 'POST' && /\/access_tokens$/.test(ex.restPath ?? ''));

const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

/**
 * The guarantees of a revocation job, checked against the fake's own state: every request
 * held 1–100 selected ids; every selected id was accepted (202) by GitHub at least once;
 * GitHub revoked exactly the selection; the job reports revoked exactly what GitHub revoked.
 * Returns how many ids were accepted more than once (a batch re-sent after its 202 was lost).
 */
export async function expectRevokedExactly(fake: FakeGitHub, selection: readonly number[]): Promise<number> {
  const wanted = new Set(selection);
  const posts = revokePosts(fake);
  for (const post of posts) {
    const ids = idsOf(post);
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(ids.length).toBeLessThanOrEqual(100);
    expect(ids.filter((id) => !wanted.has(id))).toEqual([]);
  }
  const accepted = posts.filter((post) => post.status === 202).flatMap(idsOf);
  expect(sorted(new Set(accepted))).toEqual(sorted(wanted));
  expect(fake.revokedGrantIds(ORG)).toEqual(sorted(wanted));

  const job = await storedJob();
  expect(job?.phase).toBe('done');
  const revoked = job?.items.filter((item) => item.state === 'done').map((item) => item.id);
  expect(sorted(revoked ?? [])).toEqual(sorted(wanted));
  const live = new Set(fake.liveGrants(ORG).map((grant) => grant.id));
  expect((revoked ?? []).filter((id) => live.has(id))).toEqual([]);
  return accepted.length - wanted.size;
}

/**
 * Registers the hooks every integration file needs: one fake GitHub for the file, and for
 * each test a fresh browser profile and a fake clock. Returns a getter for the fake.
 */
export function useFakeGitHub(): () => FakeGitHub {
  let fake: FakeGitHub | undefined;
  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterAll(() => fake?.close());
  beforeEach(() => {
    fake?.reset();
    freshProfile();
    useFakeClock();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return () => {
    if (!fake) throw new Error('the fake GitHub is not started yet');
    return fake;
  };
}
