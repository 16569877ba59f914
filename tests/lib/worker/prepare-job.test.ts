// prepareJob: the one gate of jobs.start, requests.review and sso.remove. Each outcome (too
// many ids, ids busy in an unfinished job, ids no longer listed, a job ready to start) with
// the words the owner reads, and what it must not do on a refusal (ask GitHub for the list or
// the actor).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJob } from '../../../lib/jobs/engine';
import type { JobKind } from '../../../lib/protocol';
import { forgetWrittenForTests, saveJob } from '../../../lib/worker/job-store';
import { MAX_JOB_IDS } from '../../../lib/worker/messages/schemas';
import { byGrantId, type ItemFacts, prepareJob } from '../../../lib/worker/prepare-job';

beforeEach(() => {
  fakeBrowser.reset();
  forgetWrittenForTests();
});

const facts = (id: number): ItemFacts => ({ tokenId: id + 1000, name: `deploy ${id}`, owner: 'carla' });
const listed = (...ids: number[]) => vi.fn(async () => new Map(ids.map((id) => [id, facts(id)])));
const who = () => ({ actor: vi.fn(async () => 'alice'), now: () => 1_700_000_000_000 });

/** An existing job of `kind` on `ids`, finished or not. */
async function existing(kind: JobKind, org: string, ids: number[], done = false) {
  const job = createJob(
    { id: `old-${kind}-${org}`, kind, org, actor: 'bob', items: ids.map((id) => ({ id, ...facts(id) })) },
    1,
  );
  await saveJob(done ? { ...job, phase: 'done' } : job);
}

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('expected a refusal');
  return { code: (error as { code?: string }).code, message: error.message };
}

describe('prepareJob', () => {
  it('builds the job from the listed items, once per id, not yet started', async () => {
    const context = who();
    const job = await prepareJob({ kind: 'revoke', org: 'acme', ids: [2, 1, 2] }, listed(1, 2, 3), context);
    expect(job).toMatchObject({ kind: 'revoke', org: 'acme', actor: 'alice', phase: 'running' });
    expect(job.createdAt).toBe(1_700_000_000_000);
    expect(job.id).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
    expect(job.items).toEqual([
      { id: 2, tokenId: 1002, name: 'deploy 2', owner: 'carla', state: 'pending' },
      { id: 1, tokenId: 1001, name: 'deploy 1', owner: 'carla', state: 'pending' },
    ]);
    expect('note' in job).toBe(false);
  });

  it("keeps a review's reason, and drops one that is only blanks", async () => {
    const kept = await prepareJob(
      { kind: 'deny', org: 'acme', ids: [1], note: 'use the bot' },
      listed(1),
      who(),
    );
    expect(kept.note).toBe('use the bot');
    const blank = await prepareJob({ kind: 'approve', org: 'acme', ids: [1], note: '  ' }, listed(1), who());
    expect('note' in blank).toBe(false);
  });

  it('refuses more ids than one job takes, before reading the list', async () => {
    const lookup = listed();
    const ids = Array.from({ length: MAX_JOB_IDS + 1 }, (_, i) => i + 1);
    expect(await refusal(prepareJob({ kind: 'revoke', org: 'acme', ids }, lookup, who()))).toEqual({
      code: 'validation',
      message: 'One job takes at most 100,000 tokens; 100,001 were selected. Select fewer, then start again.',
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it.each([
    [
      'revoke',
      'revoke',
      '1 of these tokens are already being revoked. Wait for that revocation to finish, then select again.',
    ],
    [
      'deny',
      'approve',
      '1 of these requests are already being reviewed. Wait for that review to finish, then select again.',
    ],
    [
      'remove-authorization',
      'remove-authorization',
      '1 of these credentials are already being removed. Wait for that removal to finish, then select again.',
    ],
  ] as const)(
    'refuses ids in an unfinished %s job for a new %s job, before reading the list',
    async (running, kind, message) => {
      await existing(running, 'acme', [2, 9]);
      const lookup = listed(1, 2);
      expect(await refusal(prepareJob({ kind, org: 'ACME', ids: [1, 2] }, lookup, who()))).toEqual({
        code: 'validation',
        message,
      });
      expect(lookup).not.toHaveBeenCalled();
    },
  );

  it('lets through ids of finished jobs, of other orgs and of jobs on another list', async () => {
    await existing('revoke', 'acme', [1], true);
    await existing('revoke', 'other', [2]);
    await existing('remove-authorization', 'acme', [3]);
    await existing('revoke', 'acme', [4]);
    const job = await prepareJob(
      { kind: 'approve', org: 'acme', ids: [1, 2, 3, 4] },
      listed(1, 2, 3, 4),
      who(),
    );
    expect(job.items.map((item) => item.id)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ['revoke', '2 of the selected tokens are no longer listed by GitHub. Reload the list and select again.'],
    ['approve', '2 of the selected requests are no longer pending. Reload the list and select again.'],
    [
      'remove-authorization',
      '2 of the selected credentials are no longer listed by GitHub. Reload the list and select again.',
    ],
  ] as const)(
    'refuses to start %s on ids no longer listed, before asking who acts',
    async (kind, message) => {
      const context = who();
      expect(await refusal(prepareJob({ kind, org: 'acme', ids: [1, 2, 3] }, listed(1), context))).toEqual({
        code: 'not_found',
        message,
      });
      expect(context.actor).not.toHaveBeenCalled();
    },
  );
});

describe('byGrantId', () => {
  it('maps tokens and requests to what a job records of them; no list is an empty map', () => {
    const map = byGrantId([{ grantId: 7, tokenId: null, tokenName: 'ci', ownerLogin: 'dan' }]);
    expect([...map]).toEqual([[7, { tokenId: null, name: 'ci', owner: 'dan' }]]);
    expect(byGrantId(undefined).size).toBe(0);
  });
});
