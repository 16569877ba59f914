// The job store: one versioned record per job, parsed on read, writes proportional to what
// changed, and version-1 jobs (one storage.local list) migrated so a job in flight finishes.
import { IDBFactory } from 'fake-indexeddb';
import { createStore, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { batchSent, createJob, nextStep } from '../../../lib/jobs/engine';
import type { Job } from '../../../lib/jobs/job';
import {
  forgetWrittenForTests,
  listJobs,
  readJob,
  saveJob,
  unfinishedJobs,
} from '../../../lib/worker/job-store';

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  forgetWrittenForTests();
});

function bigJob(count: number): Job {
  const items = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    tokenId: i + 1,
    name: `deploy (prod) – do not delete ${i}`,
    owner: 'carla-kowalski',
  }));
  return createJob({ id: 'big', kind: 'revoke', org: 'acme', actor: 'alice', items }, 1);
}

describe('the job store', () => {
  it('writes a batch in proportion to the batch, not to the job', async () => {
    let job = bigJob(10_000);
    const first = await saveJob(job);
    const step = nextStep(job, 1);
    if (step.type !== 'send') throw new Error('expected a batch');
    job = batchSent(job, step.items);
    const perBatch = await saveJob(job);
    // The whole job is about 1 MB of JSON; one batch is its 100 items and the header.
    expect(first).toBeGreaterThan(900_000);
    expect(perBatch).toBeLessThan(20_000);
    const read = await readJob('big');
    expect(read?.items.filter((item) => item.state === 'sent')).toHaveLength(100);
    expect(read?.items).toHaveLength(10_000);
  });

  it('keeps a batch small when a page read the job between two saves', async () => {
    let job = bigJob(10_000);
    await saveJob(job);
    for (let batch = 0; batch < 3; batch++) {
      await readJob('big'); // jobs.latest, jobs.outcomes: a reader's copy, not the runner's
      await unfinishedJobs(); // a wake re-reading every unfinished job while this one runs
      const step = nextStep(job, 1);
      if (step.type !== 'send') throw new Error('expected a batch');
      job = batchSent(job, step.items);
      expect(await saveJob(job)).toBeLessThan(20_000);
    }
  });

  it('migrates version-1 jobs from storage.local, a job in flight included', async () => {
    await fakeBrowser.storage.local.set({
      jobs: [
        {
          id: 'old',
          org: 'acme',
          actor: 'alice',
          createdAt: 5,
          phase: 'running',
          tokens: [
            { grantId: 1, tokenId: 11, tokenName: 'a', ownerLogin: 'x', state: 'revoked', logged: true },
            { grantId: 2, tokenId: null, tokenName: 'b', ownerLogin: 'y', state: 'sent', absentOnce: true },
            { grantId: 3, tokenId: 13, tokenName: 'c', ownerLogin: 'z', state: 'pending' },
          ],
          waitingUntil: null,
          verifyUntil: null,
          transientFailures: 0,
          message: null,
        },
        { id: 'broken', tokens: 'not a list' },
      ],
    });
    const [job] = await unfinishedJobs();
    expect(job).toMatchObject({ version: 2, id: 'old', kind: 'revoke', org: 'acme', phase: 'running' });
    expect(job?.items.map((item) => [item.id, item.state, item.tokenId])).toEqual([
      [1, 'done', 11],
      [2, 'sent', null],
      [3, 'pending', 13],
    ]);
    expect(job?.items[1]?.absentOnce).toBe(true);
    expect(job?.items[0]?.logged).toBe(true);
    // The old list is gone; the damaged entry was not carried over.
    expect(await fakeBrowser.storage.local.get('jobs')).toEqual({});
    expect((await listJobs()).map((header) => header.id)).toEqual(['old']);
  });

  it('skips a damaged record instead of trusting it', async () => {
    await saveJob(bigJob(3));
    await set(
      'job:evil',
      { version: 2, id: 'evil', phase: 'running', itemCount: 'many' },
      createStore('patrol-jobs', 'jobs'),
    );
    await set('items:big:0', [{ id: 'not a number' }], createStore('patrol-job-items', 'items'));
    forgetWrittenForTests();
    expect((await listJobs()).map((header) => header.id)).toEqual(['big']);
    expect(await readJob('big')).toBeUndefined();
    expect(await unfinishedJobs()).toEqual([]);
  });
});
