// The job engine's transitions, with no storage and no worker: a tiny driver performs each
// step the engine asks for against a scripted GitHub, exactly as lib/worker/job-runner.ts does.
import { describe, expect, it } from 'vitest';
import { describeGitHubError } from '../../../lib/github/errors';
import {
  batchFailed,
  batchSent,
  createJob,
  LOCKED_RECHECK_MS,
  nextStep,
  retryFailed,
  takeLogEntries,
  VERIFY_WINDOW_MS,
  verified,
} from '../../../lib/jobs/engine';
import type { Job } from '../../../lib/jobs/job';
import { summaryOf } from '../../../lib/jobs/job';

type Outcome = { status: number; message?: string; headers?: Record<string, string> } | 'ok';

/** A stand-in for GitHub: records each write's ids and answers from a script. */
function fakeGitHub(script: Outcome[] = []) {
  const live = new Set<number>();
  const posts: number[][] = [];
  return {
    live,
    posts,
    send(ids: number[]): { status: number; message: string; headers: Record<string, string> } | null {
      posts.push(ids);
      const next = script.shift() ?? 'ok';
      if (next !== 'ok')
        return { status: next.status, message: next.message ?? 'error', headers: next.headers ?? {} };
      for (const id of ids) live.delete(id);
      return null;
    },
  };
}

function jobOf(count: number, github: ReturnType<typeof fakeGitHub>, now: number): Job {
  const items = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    tokenId: i + 101,
    name: `t${i + 1}`,
    owner: 'o',
  }));
  for (const item of items) github.live.add(item.id);
  return createJob({ id: 'j', kind: 'revoke', org: 'acme', actor: 'alice', items }, now);
}

/** Performs steps until the engine asks to wait or is done; returns the job and the wait. */
function advance(
  job: Job,
  github: ReturnType<typeof fakeGitHub>,
  clock: { now: number },
  listed?: () => Set<number>,
) {
  let current = job;
  for (;;) {
    const step = nextStep(current, clock.now);
    if (step.type === 'done') return { job: current, wait: null };
    if (step.type === 'wait') return { job: current, wait: step.until };
    if (step.type === 'send') {
      const error = github.send(step.items.map((item) => item.id));
      if (error === null) current = batchSent(current, step.items);
      else {
        const described = describeGitHubError(
          {
            status: error.status,
            message: error.message,
            response: { headers: error.headers, data: { message: error.message } },
          },
          { org: 'acme', action: 'revoke tokens', now: clock.now },
        );
        current = batchFailed(current, step.items, { ...described, status: error.status }, clock.now);
      }
    } else {
      current = verified(current, listed ? listed() : new Set(github.live), clock.now);
    }
  }
}

/** Lets time pass to each wake until the job ends. */
function settle(
  job: Job,
  github: ReturnType<typeof fakeGitHub>,
  clock: { now: number },
  listed?: () => Set<number>,
) {
  let current = job;
  for (let round = 0; round < 40; round++) {
    const { job: next, wait } = advance(current, github, clock, listed);
    current = next;
    if (wait === null) return current;
    clock.now = wait;
  }
  throw new Error('the job never ended');
}

const states = (job: Job) => job.items.map((item) => item.state);

describe('the job engine', () => {
  it('sends every id once, at most 100 a request, and confirms them gone after two checks', () => {
    const github = fakeGitHub();
    const clock = { now: 1_000 };
    const { job: first, wait } = advance(jobOf(250, github, clock.now), github, clock);
    // One absence is not proof (pages can shift while GitHub applies revokes): a second check confirms.
    expect(first.phase).toBe('verifying');
    expect(wait).toBe(1_000 + 5_000);
    const job = settle(first, github, clock);
    expect(github.posts.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(github.posts.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(job.phase).toBe('done');
    expect(states(job).every((state) => state === 'done')).toBe(true);
  });

  it('is pure: a transition never changes the job it was given', () => {
    const github = fakeGitHub();
    const job = jobOf(3, github, 0);
    const before = JSON.stringify(job);
    const step = nextStep(job, 0);
    if (step.type !== 'send') throw new Error('expected a batch');
    const sent = batchSent(job, step.items);
    verified(sent, new Set(), 0);
    batchFailed(job, step.items, { code: 'validation', message: 'no', status: 422 }, 0);
    expect(JSON.stringify(job)).toBe(before);
    expect(states(sent)).toEqual(['sent', 'sent', 'sent']);
  });

  it('waits out a secondary rate limit and goes on without resending finished batches', () => {
    const github = fakeGitHub([
      'ok',
      { status: 403, message: 'You have exceeded a secondary rate limit', headers: { 'retry-after': '60' } },
    ]);
    const clock = { now: 1_000_000 };
    const { job, wait } = advance(jobOf(250, github, clock.now), github, clock);
    expect(job.phase).toBe('waiting');
    expect(job.waitingUntil).toBe(1_000_000 + 60_000);
    expect(wait).toBe(1_060_000);
    // Nothing is sent before GitHub's retry-after.
    expect(advance(job, github, { now: 1_059_999 }).wait).toBe(1_060_000);
    expect(github.posts).toHaveLength(2);
    clock.now = 1_060_000;
    const done = settle(job, github, clock);
    expect(github.posts.map((ids) => ids.length)).toEqual([100, 100, 100, 50]);
    expect(new Set(github.posts.flat()).size).toBe(250);
    expect(states(done).filter((state) => state === 'done')).toHaveLength(250);
  });

  it('waits for a locked credential without backing off, so it resumes soon after the unlock', () => {
    const github = fakeGitHub();
    const clock = { now: 0 };
    let job = jobOf(3, github, clock.now);
    const locked = {
      code: 'locked' as const,
      message: 'PATrol is locked: enter your passphrase.',
      status: 0,
    };
    // A browser left locked for a long time: every look finds it locked again.
    for (let look = 0; look < 12; look++) {
      const step = nextStep(job, clock.now);
      if (step.type !== 'send') throw new Error(`expected a batch, got ${step.type}`);
      job = batchFailed(job, step.items, locked, clock.now);
      expect(job.phase).toBe('waiting');
      expect(job.waitingUntil).toBe(clock.now + LOCKED_RECHECK_MS);
      clock.now = job.waitingUntil as number;
    }
    expect(github.posts).toHaveLength(0);
    // Unlocked: the next look sends, and nothing failed meanwhile.
    const done = settle(job, github, clock);
    expect(github.posts.flat().sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(states(done)).toEqual(['done', 'done', 'done']);
  });

  it('backs off after a 5xx and reports the failure only once retries are exhausted', () => {
    const github = fakeGitHub(Array.from({ length: 7 }, () => ({ status: 502, message: 'Bad Gateway' })));
    const clock = { now: 0 };
    const job = settle(jobOf(3, github, clock.now), github, clock);
    expect(job.phase).toBe('done');
    expect(job.items.every((item) => item.state === 'failed' && /502/.test(item.reason ?? ''))).toBe(true);
    expect(github.posts).toHaveLength(7);
  });

  it('splits a refused batch in halves once, never into one write per id, and retries only the failed', () => {
    const refused = { status: 422, message: 'Validation Failed: token cannot be revoked' };
    // The whole batch of 100 is refused; its first half goes through; the second is refused again.
    const github = fakeGitHub([refused, 'ok', refused]);
    const clock = { now: 0 };
    let job = settle(jobOf(100, github, clock.now), github, clock);
    expect(github.posts.map((ids) => ids.length)).toEqual([100, 50, 50]);
    expect(
      states(job)
        .slice(0, 50)
        .every((state) => state === 'done'),
    ).toBe(true);
    expect(
      states(job)
        .slice(50)
        .every((state) => state === 'failed'),
    ).toBe(true);
    expect(job.items[99]?.reason).toMatch(/cannot be revoked/);
    const [entries, logged] = takeLogEntries(job, 5, 'revoked');
    expect(entries.filter((entry) => entry.outcome === 'revoked')).toHaveLength(50);
    expect(entries.filter((entry) => entry.outcome === 'failed')).toHaveLength(50);
    expect(takeLogEntries(logged, 5, 'revoked')[0]).toEqual([]);

    job = settle(retryFailed(logged), github, clock);
    expect(github.posts.at(-1)).toHaveLength(50);
    expect(states(job).every((state) => state === 'done')).toBe(true);
    expect(takeLogEntries(job, 6, 'revoked')[0].map((entry) => entry.grantId)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 51),
    );
  });

  it('leaves a grant GitHub no longer knows (404) to verification, which finds it gone', () => {
    const github = fakeGitHub([
      { status: 404, message: 'Not Found' },
      'ok',
      { status: 404, message: 'Not Found' },
    ]);
    const clock = { now: 0 };
    const start = jobOf(2, github, clock.now);
    github.live.delete(2); // revoked elsewhere before our request
    const job = settle(start, github, clock);
    expect(github.posts).toEqual([[1, 2], [1], [2]]);
    expect(states(job)).toEqual(['done', 'done']);
  });

  it('reports items GitHub still lists after the verification window as unconfirmed', () => {
    const github = fakeGitHub();
    const clock = { now: 0 };
    const sticky = () => new Set([2]);
    let { job } = advance(jobOf(2, github, clock.now), github, clock, sticky);
    expect(job.phase).toBe('verifying');
    clock.now += 5_000;
    job = advance(job, github, clock, sticky).job;
    expect(states(job)).toEqual(['done', 'sent']);
    clock.now += VERIFY_WINDOW_MS;
    job = advance(job, github, clock, sticky).job;
    expect(job.phase).toBe('done');
    expect(job.items[1]?.state).toBe('unconfirmed');
  });

  it('fails every remaining item with the reason when the app lacks the permission', () => {
    const github = fakeGitHub([{ status: 403, message: 'Resource not accessible by integration' }]);
    const { job } = advance(jobOf(150, github, 0), github, { now: 0 });
    expect(github.posts).toHaveLength(1);
    expect(
      job.items.every((item) => item.state === 'failed' && /Personal access tokens/.test(item.reason ?? '')),
    ).toBe(true);
  });

  it('summarises any job in well under 2 kB, whatever GitHub said', () => {
    const github = fakeGitHub();
    const job = { ...jobOf(10_000, github, 0), message: 'x'.repeat(50_000) };
    expect(JSON.stringify(summaryOf(job)).length).toBeLessThan(2_048);
    expect(summaryOf(job)).toMatchObject({ total: 10_000, sent: 0, done: 0 });
  });
});
