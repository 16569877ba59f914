// The job runner's wakes: a wake that lands while a run is still saving its last state must
// run the job again afterwards, or the job sleeps until the next heartbeat alarm.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJob } from '../../../lib/jobs/engine';
import type { Job } from '../../../lib/jobs/job';
import { createJobRunner, type KindRunner } from '../../../lib/worker/job-runner';
import { forgetWrittenForTests, readJob } from '../../../lib/worker/job-store';

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  forgetWrittenForTests();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A job whose one item GitHub accepted: the next step is a verification round. */
function sentJob(): Job {
  const job = createJob(
    {
      id: 'j1',
      kind: 'revoke',
      org: 'acme',
      actor: 'alice',
      items: [{ id: 1, tokenId: 1, name: 'ci', owner: 'bob' }],
    },
    Date.now(),
  );
  return { ...job, phase: 'verifying', items: job.items.map((item) => ({ ...item, state: 'sent' })) };
}

/** Lets IndexedDB (real setImmediate) and promise chains run. */
const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('the job runner', () => {
  it('runs a job again when its wake fires while the run is still saving', async () => {
    let rounds = 0;
    const kind: KindRunner = {
      action: 'revoke tokens',
      doneOutcome: 'revoked',
      send: async () => {},
      // Still listed every time: each round parks the job for the next one.
      stillListed: async () => {
        rounds++;
        return new Set([1]);
      },
    };
    let releaseLog: () => void = () => {};
    let logBlocked = true;
    const runner = createJobRunner({
      kinds: { revoke: kind, approve: kind, deny: kind, 'remove-authorization': kind },
      now: () => Date.now(),
      publish: () => {},
      // The end of a run (log, last save) is slow: the wake timer fires meanwhile.
      appendLog: () =>
        logBlocked ? new Promise<void>((resolve) => (releaseLog = resolve)) : Promise.resolve(),
    });

    await runner.start(sentJob());
    await flush();
    expect(rounds).toBe(1);
    expect(vi.getTimerCount()).toBe(1);

    // The 5 s wake fires while the first run waits on its log write.
    await vi.advanceTimersToNextTimerAsync();
    await flush();
    logBlocked = false;
    releaseLog();
    await flush();
    await runner.settled('j1');
    await flush();

    // The wake was not lost: the due round ran, and the job is parked for the next one.
    expect(rounds).toBe(2);
    expect((await readJob('j1'))?.verifyRounds).toBe(2);
    expect(vi.getTimerCount()).toBe(1);
  });
});
