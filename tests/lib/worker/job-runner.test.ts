// The job runner's wakes: a wake that lands while a run is still saving its last state must
// run the job again afterwards, or the job sleeps until the next heartbeat alarm. And a step
// cut short by the browser closing records nothing, so the reopened browser finishes the job.
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

  describe('when Chrome answers "The browser is shutting down." mid-step', () => {
    const SHUTDOWN = 'The browser is shutting down.';
    const runnerWith = (kind: KindRunner) =>
      createJobRunner({
        kinds: { revoke: kind, approve: kind, deny: kind, 'remove-authorization': kind },
        now: () => Date.now(),
        publish: () => {},
        appendLog: async () => {},
      });

    it('leaves the unsent items pending instead of failing them', async () => {
      const sent: number[][] = [];
      const runner = runnerWith({
        action: 'revoke tokens',
        doneOutcome: 'revoked',
        // The first batch is accepted; the browser closes while the second is on its way.
        send: async (_org, items) => {
          if (sent.length > 0) throw new Error(SHUTDOWN);
          sent.push(items.map((item) => item.id));
        },
        stillListed: async () => new Set(),
      });
      const job = createJob(
        {
          id: 'j2',
          kind: 'revoke',
          org: 'acme',
          actor: 'alice',
          items: Array.from({ length: 150 }, (_, i) => ({
            id: i + 1,
            tokenId: i + 1,
            name: 'ci',
            owner: 'bob',
          })),
        },
        Date.now(),
      );

      await runner.start(job);
      await runner.settled('j2');
      await flush();

      expect(sent).toHaveLength(1);
      const stored = await readJob('j2');
      const states = stored?.items.map((item) => item.state) ?? [];
      expect(states.filter((state) => state === 'sent')).toHaveLength(100);
      expect(states.filter((state) => state === 'pending')).toHaveLength(50);
      expect(stored?.phase).toBe('running');
      expect(stored?.message).toBeNull();
    });

    it('does not count the cut verification as a round', async () => {
      const runner = runnerWith({
        action: 'revoke tokens',
        doneOutcome: 'revoked',
        send: async () => {},
        stillListed: async () => {
          throw new Error(SHUTDOWN);
        },
      });

      await runner.start(sentJob());
      await runner.settled('j1');
      await flush();

      const stored = await readJob('j1');
      expect(stored?.verifyRounds).toBe(0);
      expect(stored?.message).toBeNull();
      expect(stored?.items[0]?.state).toBe('sent');
    });
  });
});
