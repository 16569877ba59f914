// Revocation jobs. A job is persisted before anything is sent and after every batch, so a
// worker that Chrome stops mid-job resumes from storage when an alarm (or the next
// message) wakes it: no confirmed id is lost, and only confirmed ids are ever sent.
// Re-sending a batch whose 202 was not yet recorded is safe: revoking is idempotent.
import { browser } from 'wxt/browser';
import type { GitHubClient } from '../github/client';
import { describeGitHubError } from '../github/errors';
import { batches, revokeGrant, revokeGrantBatch } from '../github/grants';
import type { JobTokenView, JobView, LogEntry, ReplyError } from '../protocol';
import type { Token } from '../tokens';

export interface JobToken extends JobTokenView {
  tokenId: number | null;
  /** Set once this token's outcome is in the revocation log. */
  logged?: boolean;
  /** Missing from the last check: a second miss in a row confirms it revoked. */
  absentOnce?: boolean;
}

export interface Job {
  id: string;
  org: string;
  actor: string;
  createdAt: number;
  phase: JobView['phase'];
  tokens: JobToken[];
  waitingUntil: number | null;
  /** When verification stops waiting for GitHub to apply the revokes. */
  verifyUntil: number | null;
  /** Verification rounds so far: each waits twice as long as the last. */
  verifyRounds?: number;
  /** Consecutive transient failures, for backoff. */
  transientFailures: number;
  message: string | null;
}

export const JOB_ALARM = 'patrol-job';
export const JOB_HEARTBEAT_ALARM = 'patrol-job-heartbeat';
const JOBS_KEY = 'jobs';
/** How long GitHub gets to apply queued revokes before tokens are reported unconfirmed. */
export const VERIFY_WINDOW_MS = 3 * 60_000;
export const VERIFY_INTERVAL_MS = 5_000;
const MAX_TRANSIENT_FAILURES = 6;
const KEEP_JOBS = 20;

export async function readJobs(): Promise<Job[]> {
  const found = await browser.storage.local.get(JOBS_KEY);
  return (found[JOBS_KEY] ?? []) as Job[];
}

/**
 * Finished jobs kept as history, in tokens (besides the newest per org, which the panel shows
 * and may retry). storage.local holds 10 MB and a job token takes about 150 bytes, so twenty
 * finished 10,000-token jobs would not fit and the next save, mid-job, would fail.
 */
const HISTORY_TOKENS = 20_000;

/** Unfinished jobs and each org's newest finished job always stay; older ones within budget. */
function prune(jobs: Job[]): Job[] {
  const newestDone = new Map<string, Job>();
  for (const job of jobs) if (job.phase === 'done') newestDone.set(job.org.toLowerCase(), job);
  const kept = new Set<Job>();
  let budget = HISTORY_TOKENS;
  for (const job of [...jobs].reverse()) {
    if (job.phase !== 'done' || newestDone.get(job.org.toLowerCase()) === job) kept.add(job);
    else if (kept.size < KEEP_JOBS && job.tokens.length <= budget) {
      kept.add(job);
      budget -= job.tokens.length;
    }
  }
  return jobs.filter((job) => kept.has(job));
}

// Saves are read-modify-write of one list: two jobs (or a job and a retry) saving at once
// must not overwrite each other, so they take turns.
let saves: Promise<void> = Promise.resolve();

/** Stores a job in place: the list stays in creation order, so the last is the newest. */
export function saveJob(job: Job): Promise<void> {
  const save = saves.then(async () => {
    const jobs = await readJobs();
    const at = jobs.findIndex((other) => other.id === job.id);
    if (at >= 0) jobs[at] = job;
    else jobs.push(job);
    await browser.storage.local.set({ [JOBS_KEY]: prune(jobs) });
  });
  saves = save.catch(() => {});
  return save;
}

export function newJob(org: string, actor: string, tokens: readonly Token[], now: number): Job {
  return {
    id: `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    org,
    actor,
    createdAt: now,
    phase: 'running',
    tokens: tokens.map((token) => ({
      grantId: token.grantId,
      tokenId: token.tokenId,
      tokenName: token.tokenName,
      ownerLogin: token.ownerLogin,
      state: 'pending',
    })),
    waitingUntil: null,
    verifyUntil: null,
    transientFailures: 0,
    message: null,
  };
}

export function viewOf(job: Job): JobView {
  const count = (state: JobTokenView['state']) => job.tokens.filter((token) => token.state === state).length;
  return {
    id: job.id,
    org: job.org,
    createdAt: job.createdAt,
    phase: job.phase,
    total: job.tokens.length,
    revoked: count('revoked'),
    failed: count('failed'),
    unconfirmed: count('unconfirmed'),
    sent: job.tokens.length - count('pending'),
    tokens: job.tokens.map(({ grantId, tokenName, ownerLogin, state, reason }) => ({
      grantId,
      tokenName,
      ownerLogin,
      state,
      ...(reason ? { reason } : {}),
    })),
    waitingUntil: job.waitingUntil,
    message: job.message,
  };
}

function isTransient(error: ReplyError): boolean {
  return error.code === 'offline' || error.code === 'github_error' || error.code === 'rate_limited';
}

export interface JobEnv {
  client: (org: string) => Promise<GitHubClient>;
  /** Reloads the org's grants (and refreshes the cache); returns the live grant ids. */
  /** Which of these grants GitHub still lists (other ids may be absent from the set). */
  liveGrantIds: (org: string, candidates: readonly JobToken[]) => Promise<Set<number>>;
  now: () => number;
  /** Asks to be woken at a time; the caller arms both an alarm and a timer. */
  wakeAt: (when: number) => void;
}

/** Parks the job after a rate limit or a transient failure; false once retries are spent. */
function park(job: Job, described: ReplyError, env: JobEnv): boolean {
  if (
    described.code !== 'rate_limited' &&
    !(isTransient(described) && job.transientFailures < MAX_TRANSIENT_FAILURES)
  ) {
    return false;
  }
  job.transientFailures += 1;
  // Exponential backoff, and never sooner than GitHub asked: repeated rate limits back off too.
  const backoff = env.now() + Math.min(2 ** job.transientFailures * 5_000, 5 * 60_000);
  job.waitingUntil = Math.max(described.retryAt ?? 0, backoff);
  job.phase = 'waiting';
  job.message = described.message;
  return true;
}

/** Sends the next pending batch; returns true when more work can run right away. */
async function sendNextBatch(job: Job, env: JobEnv): Promise<boolean> {
  const pending = job.tokens.filter((token) => token.state === 'pending');
  const [batch] = batches(pending);
  if (!batch) return false;
  const ids = batch.map((token) => token.grantId);
  try {
    const client = await env.client(job.org);
    await revokeGrantBatch(client, job.org, ids);
    for (const token of batch) token.state = 'sent';
    job.transientFailures = 0;
    job.message = null;
    return true;
  } catch (error) {
    const described = describeGitHubError(error, { org: job.org, action: 'revoke tokens', now: env.now() });
    if (park(job, described, env)) return false;
    const status = (error as { status?: number }).status;
    if (described.code === 'validation' || status === 404) {
      // GitHub refused this batch as a whole (a bad id, or a grant already gone): revoke one
      // by one to learn each token's fate. The other batches are not at fault and go on.
      return sendOneByOne(job, batch, env);
    }
    // Anything else (permission, credentials, org gone, retries spent) stops every token left.
    for (const token of pending) {
      token.state = 'failed';
      token.reason = described.message;
    }
    job.message = described.message;
    return false;
  }
}

/** Revokes a refused batch token by token; a rate limit or outage parks the job instead. */
async function sendOneByOne(job: Job, batch: JobToken[], env: JobEnv): Promise<boolean> {
  for (const token of batch) {
    try {
      await revokeGrant(await env.client(job.org), job.org, token.grantId);
      token.state = 'sent';
      job.transientFailures = 0;
    } catch (error) {
      const described = describeGitHubError(error, {
        org: job.org,
        action: 'revoke this token',
        now: env.now(),
      });
      if (park(job, described, env)) return false;
      if ((error as { status?: number }).status === 404) {
        // Not there to revoke: already revoked or expired away. Verification says which.
        token.state = 'sent';
        continue;
      }
      token.state = 'failed';
      token.reason = described.message;
    }
  }
  return true;
}

async function verify(job: Job, env: JobEnv): Promise<void> {
  const sent = job.tokens.filter((token) => token.state === 'sent');
  if (sent.length > 0) {
    try {
      const live = await env.liveGrantIds(job.org, sent);
      // Pages read by offset while GitHub applies revokes can skip a grant that is still
      // listed, so one absence is not proof: two checks in a row are.
      for (const token of sent) {
        if (live.has(token.grantId)) token.absentOnce = false;
        else if (token.absentOnce) {
          token.state = 'revoked';
          delete token.absentOnce;
        } else token.absentOnce = true;
      }
      job.message = null;
    } catch (error) {
      job.message = describeGitHubError(error, { org: job.org, action: 'check the revocations' }).message;
    }
  }
  const stillSent = job.tokens.filter((token) => token.state === 'sent');
  if (stillSent.length === 0) {
    job.phase = 'done';
  } else if (env.now() >= (job.verifyUntil ?? 0)) {
    for (const token of stillSent) {
      token.state = 'unconfirmed';
      token.reason = 'GitHub accepted the revocation but still lists this token. Reload later to check.';
    }
    job.phase = 'done';
  } else {
    // 5 s, 10 s, 20 s, 40 s, 60 s…: GitHub usually applies revokes within seconds, and each
    // round costs requests against the owner's rate limit.
    job.verifyRounds = (job.verifyRounds ?? 0) + 1;
    const wait = Math.min(VERIFY_INTERVAL_MS * 2 ** (job.verifyRounds - 1), 60_000);
    env.wakeAt(Math.min(env.now() + wait, job.verifyUntil ?? env.now()));
  }
}

/** Advances a job as far as it can go now; persists after every step. */
export async function advanceJob(job: Job, env: JobEnv): Promise<Job> {
  if (job.phase === 'done') return job;
  if (job.phase === 'waiting') {
    if (job.waitingUntil !== null && job.waitingUntil > env.now()) {
      env.wakeAt(job.waitingUntil);
      return job;
    }
    job.phase = 'running';
    job.waitingUntil = null;
  }
  if (job.phase === 'running') {
    while (await sendNextBatch(job, env)) await saveJob(job);
    await saveJob(job);
    // sendNextBatch may have moved the job to waiting (rate limit, transient error).
    if ((job.phase as Job['phase']) === 'waiting') {
      env.wakeAt(job.waitingUntil ?? env.now());
      return job;
    }
    job.phase = 'verifying';
    job.verifyUntil = env.now() + VERIFY_WINDOW_MS;
    await saveJob(job);
  }
  await verify(job, env);
  await saveJob(job);
  return job;
}

/** Puts the failed tokens of a finished job back in the queue. */
export function retryFailed(job: Job): Job {
  for (const token of job.tokens) {
    if (token.state === 'failed') {
      token.state = 'pending';
      delete token.reason;
      delete token.logged;
    }
  }
  job.phase = 'running';
  job.transientFailures = 0;
  job.message = null;
  return job;
}

/** The log entries of outcomes not logged yet; marks them logged. */
export function takeLogEntries(job: Job, now: number): LogEntry[] {
  return job.tokens
    .filter(
      (token) =>
        !token.logged &&
        (token.state === 'revoked' || token.state === 'failed' || token.state === 'unconfirmed'),
    )
    .map((token) => {
      token.logged = true;
      return {
        at: now,
        org: job.org,
        grantId: token.grantId,
        tokenId: token.tokenId,
        tokenName: token.tokenName,
        ownerLogin: token.ownerLogin,
        outcome: token.state as LogEntry['outcome'],
        reason: token.reason ?? null,
        actor: job.actor,
      };
    });
}
