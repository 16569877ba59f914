import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { GitHubClient } from '../../../lib/github/client';
import {
  advanceJob,
  type Job,
  type JobEnv,
  newJob,
  readJobs,
  retryFailed,
  takeLogEntries,
  VERIFY_WINDOW_MS,
} from '../../../lib/worker/jobs';
import { makeToken } from '../token-factory';

type Outcome = { status: number; message?: string; headers?: Record<string, string> } | 'ok';

/** A stand-in for GitHub: records revoke requests and answers from a script. */
function fakeGitHub(script: Outcome[] = []) {
  const live = new Set<number>();
  const posts: number[][] = [];
  const singles: number[] = [];
  const client = {
    async request(route: string, params: { pat_ids?: number[]; pat_id?: number }) {
      const next = script.shift() ?? 'ok';
      if (route.endsWith('{pat_id}')) singles.push(params.pat_id as number);
      else posts.push([...(params.pat_ids ?? [])]);
      if (next !== 'ok') {
        throw Object.assign(new Error(next.message ?? 'error'), {
          status: next.status,
          response: { headers: next.headers ?? {}, data: { message: next.message } },
        });
      }
      for (const id of params.pat_ids ?? [params.pat_id as number]) live.delete(id);
      return { status: 202 };
    },
  } as unknown as GitHubClient;
  return { client, live, posts, singles };
}

function env(github: ReturnType<typeof fakeGitHub>, clock: { now: number }, wakes: number[] = []): JobEnv {
  return {
    client: async () => github.client,
    liveGrantIds: async () => new Set(github.live),
    now: () => clock.now,
    wakeAt: (when) => wakes.push(when),
  };
}

function jobOf(count: number, github: ReturnType<typeof fakeGitHub>, now: number): Job {
  const tokens = Array.from({ length: count }, (_, i) =>
    makeToken({ grantId: i + 1, tokenName: `t${i + 1}` }),
  );
  for (const token of tokens) github.live.add(token.grantId);
  return newJob('acme', 'alice', tokens, now);
}

beforeEach(() => fakeBrowser.reset());

/** Runs verification rounds (each waits a little) until the job ends. */
async function settleJob(job: Job, jobEnv: JobEnv, clock: { now: number }): Promise<Job> {
  let current = job;
  for (let round = 0; round < 20 && current.phase === 'verifying'; round++) {
    clock.now += 5_000;
    current = await advanceJob(current, jobEnv);
  }
  return current;
}

describe('revocation jobs', () => {
  it('sends every confirmed id once, at most 100 a request, and verifies them gone', async () => {
    const github = fakeGitHub();
    const clock = { now: 1_000 };
    const first = await advanceJob(jobOf(250, github, clock.now), env(github, clock));
    // One absence is not proof (pages can shift while GitHub applies revokes): a second check confirms.
    expect(first.phase).toBe('verifying');
    const job = await settleJob(first, env(github, clock), clock);
    expect(github.posts.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(github.posts.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(job.phase).toBe('done');
    expect(job.tokens.every((token) => token.state === 'revoked')).toBe(true);
    expect((await readJobs())[0]?.phase).toBe('done');
  });

  it('waits out a secondary rate limit and resumes without resending finished batches', async () => {
    const github = fakeGitHub([
      'ok',
      { status: 403, message: 'You have exceeded a secondary rate limit', headers: { 'retry-after': '60' } },
    ]);
    const clock = { now: 1_000_000 };
    const wakes: number[] = [];
    let job = await advanceJob(jobOf(250, github, clock.now), env(github, clock, wakes));
    expect(job.phase).toBe('waiting');
    expect(job.waitingUntil).toBe(1_000_000 + 60_000);
    expect(wakes.at(-1)).toBe(1_060_000);
    // A restarted worker reads the job back from storage.
    const [persisted] = await readJobs();
    clock.now += 60_000;
    job = await settleJob(await advanceJob(persisted as Job, env(github, clock)), env(github, clock), clock);
    expect(github.posts.map((ids) => ids.length)).toEqual([100, 100, 100, 50]);
    expect(new Set(github.posts.flat()).size).toBe(250);
    expect(job.tokens.filter((token) => token.state === 'revoked')).toHaveLength(250);
  });

  it('backs off after a 5xx and reports the failure only once retries are exhausted', async () => {
    const failures: Outcome[] = Array.from({ length: 7 }, () => ({ status: 502, message: 'Bad Gateway' }));
    const github = fakeGitHub(failures);
    const clock = { now: 0 };
    let job = jobOf(3, github, clock.now);
    for (let round = 0; round < 7; round++) {
      job = await advanceJob(job, env(github, clock));
      if (job.phase !== 'waiting') break;
      clock.now = job.waitingUntil ?? clock.now;
    }
    expect(job.phase).toBe('done');
    expect(job.tokens.every((token) => token.state === 'failed' && /502/.test(token.reason ?? ''))).toBe(
      true,
    );
    expect(github.posts).toHaveLength(7);
  });

  it('learns each token’s reason when GitHub refuses a batch, and retries only the failed', async () => {
    const github = fakeGitHub([
      { status: 422, message: 'Validation Failed' },
      'ok',
      { status: 422, message: 'Validation Failed: token cannot be revoked' },
      'ok',
    ]);
    const clock = { now: 0 };
    let job = await settleJob(
      await advanceJob(jobOf(3, github, clock.now), env(github, clock)),
      env(github, clock),
      clock,
    );
    expect(github.singles).toEqual([1, 2, 3]);
    expect(job.tokens.map((token) => token.state)).toEqual(['revoked', 'failed', 'revoked']);
    expect(job.tokens[1]?.reason).toMatch(/cannot be revoked/);
    expect(takeLogEntries(job, 5).map((entry) => [entry.grantId, entry.outcome])).toEqual([
      [1, 'revoked'],
      [2, 'failed'],
      [3, 'revoked'],
    ]);
    expect(takeLogEntries(job, 5)).toEqual([]);

    job = await settleJob(await advanceJob(retryFailed(job), env(github, clock)), env(github, clock), clock);
    expect(github.posts.at(-1)).toEqual([2]);
    expect(job.tokens.map((token) => token.state)).toEqual(['revoked', 'revoked', 'revoked']);
    expect(takeLogEntries(job, 6).map((entry) => entry.grantId)).toEqual([2]);
  });

  it('leaves a grant GitHub no longer knows (404) to verification, which finds it gone', async () => {
    const github = fakeGitHub([
      { status: 404, message: 'Not Found' },
      'ok',
      { status: 404, message: 'Not Found' },
    ]);
    const clock = { now: 0 };
    const start = jobOf(2, github, clock.now);
    github.live.delete(2); // revoked elsewhere before our request
    const job = await settleJob(await advanceJob(start, env(github, clock)), env(github, clock), clock);
    expect(github.singles).toEqual([1, 2]);
    expect(job.tokens.map((token) => token.state)).toEqual(['revoked', 'revoked']);
  });

  it('reports tokens GitHub still lists after the verification window as unconfirmed', async () => {
    const github = fakeGitHub();
    const clock = { now: 0 };
    const wakes: number[] = [];
    let job = jobOf(2, github, clock.now);
    const sticky = { ...env(github, clock, wakes), liveGrantIds: async () => new Set([2]) };
    job = await advanceJob(job, sticky);
    expect(job.phase).toBe('verifying');
    clock.now += 5_000;
    job = await advanceJob(job, sticky);
    expect(job.tokens.map((token) => token.state)).toEqual(['revoked', 'sent']);
    expect(wakes).toHaveLength(2);
    clock.now += VERIFY_WINDOW_MS;
    job = await advanceJob(job, sticky);
    expect(job.phase).toBe('done');
    expect(job.tokens[1]?.state).toBe('unconfirmed');
  });

  it('fails every remaining token with the reason when the app lacks the permission', async () => {
    const github = fakeGitHub([{ status: 403, message: 'Resource not accessible by integration' }]);
    const job = await advanceJob(jobOf(150, github, 0), env(github, { now: 0 }));
    expect(github.posts).toHaveLength(1);
    expect(
      job.tokens.every(
        (token) => token.state === 'failed' && /Personal access tokens/.test(token.reason ?? ''),
      ),
    ).toBe(true);
  });
});
