// The job engine's transitions: pure functions from a job (and what GitHub answered) to the
// next job. No storage, no clock, no network: the runner (lib/worker/job-runner.ts) performs
// each step this file asks for and saves what it returns. Every bulk action (revoke now;
// approve, deny, SSO removal later) is a kind that sends a batch and verifies; the rest is here.
import type { ItemState, JobKind, LogEntry, ReplyError } from '../protocol';
import { JOB_VERSION, type Job, type JobItem } from './job';

export const MAX_BATCH = 100;
/** How long GitHub gets to apply queued writes before items are reported unconfirmed. */
export const VERIFY_WINDOW_MS = 3 * 60_000;
export const VERIFY_INTERVAL_MS = 5_000;
const MAX_TRANSIENT_FAILURES = 6;

/** What a failed step tells the engine: the described error and GitHub's status, if any. */
export type StepError = ReplyError & { status?: number };

export type Step =
  | { type: 'send'; items: JobItem[] }
  | { type: 'verify'; items: JobItem[] }
  | { type: 'wait'; until: number }
  | { type: 'done' };

export interface NewJob {
  id: string;
  kind: JobKind;
  org: string;
  actor: string;
  note?: string;
  items: readonly Pick<JobItem, 'id' | 'tokenId' | 'name' | 'owner'>[];
}

export function createJob(spec: NewJob, now: number): Job {
  return {
    version: JOB_VERSION,
    id: spec.id,
    kind: spec.kind,
    org: spec.org,
    actor: spec.actor,
    ...(spec.note === undefined ? {} : { note: spec.note }),
    createdAt: now,
    phase: 'running',
    items: spec.items.map(({ id, tokenId, name, owner }) => ({ id, tokenId, name, owner, state: 'pending' })),
    waitingUntil: null,
    verifyUntil: null,
    nextCheckAt: null,
    verifyRounds: 0,
    transientFailures: 0,
    message: null,
  };
}

/** The next batch: a refused batch's half goes on alone, other items go up to MAX_BATCH at once. */
function nextBatch(items: readonly JobItem[]): JobItem[] {
  const pending = items.filter((item) => item.state === 'pending');
  const first = pending[0];
  if (!first) return [];
  if (first.half !== undefined) return pending.filter((item) => item.half === first.half);
  return pending.filter((item) => item.half === undefined).slice(0, MAX_BATCH);
}

export function nextStep(job: Job, now: number): Step {
  if (job.phase === 'done') return { type: 'done' };
  if (job.phase === 'waiting' && job.waitingUntil !== null && job.waitingUntil > now) {
    return { type: 'wait', until: job.waitingUntil };
  }
  const batch = nextBatch(job.items);
  if (batch.length > 0) return { type: 'send', items: batch };
  if (job.phase === 'verifying' && job.nextCheckAt !== null && job.nextCheckAt > now) {
    return { type: 'wait', until: job.nextCheckAt };
  }
  return { type: 'verify', items: job.items.filter((item) => item.state === 'sent') };
}

/** A copy of the job with `change` applied to the items whose id is in `ids`; others keep their object. */
function updateItems(job: Job, ids: ReadonlySet<number>, change: (item: JobItem) => JobItem): JobItem[] {
  return job.items.map((item) => (ids.has(item.id) ? change(item) : item));
}

const idSet = (items: readonly JobItem[]) => new Set(items.map((item) => item.id));

function withState(state: ItemState, reason?: string) {
  return (item: JobItem): JobItem => {
    const { reason: _old, half: _half, ...rest } = item;
    return reason === undefined ? { ...rest, state } : { ...rest, state, reason };
  };
}

export function batchSent(job: Job, batch: readonly JobItem[]): Job {
  return {
    ...job,
    phase: 'running',
    waitingUntil: null,
    transientFailures: 0,
    message: null,
    items: updateItems(job, idSet(batch), withState('sent')),
  };
}

const isTransient = (error: StepError) => error.code === 'offline' || error.code === 'github_error';

/** How often a job parked on a locked credential looks again: the owner unlocks at any moment. */
export const LOCKED_RECHECK_MS = 10_000;

/** Parks the job until GitHub lets it go on; null when its retries are spent. */
function park(job: Job, error: StepError, now: number): Job | null {
  // A locked credential (the browser restarted) waits for the owner's passphrase, however long,
  // and without backing off: a job that had waited minutes would otherwise resume minutes after
  // the owner unlocked.
  if (error.code === 'locked') {
    return { ...job, waitingUntil: now + LOCKED_RECHECK_MS, phase: 'waiting', message: error.message };
  }
  if (
    error.code !== 'rate_limited' &&
    !(isTransient(error) && job.transientFailures < MAX_TRANSIENT_FAILURES)
  ) {
    return null;
  }
  const transientFailures = job.transientFailures + 1;
  // Exponential backoff, and never sooner than GitHub asked: repeated rate limits back off too.
  const backoff = now + Math.min(2 ** transientFailures * 5_000, 5 * 60_000);
  return {
    ...job,
    transientFailures,
    waitingUntil: Math.max(error.retryAt ?? 0, backoff),
    phase: 'waiting',
    message: error.message,
  };
}

/**
 * A batch GitHub refused. Rate limits and outages park the job. A batch refused as a whole (a
 * 422 for one bad id, a 404 for one grant already gone) is split in halves once: a half that
 * is refused again fails with GitHub's reason (or, for a 404, is left to verification), so a
 * bad batch costs at most two more writes, never one per id. Anything else (permission,
 * credentials, org gone) stops every item still pending.
 */
export function batchFailed(job: Job, batch: readonly JobItem[], error: StepError, now: number): Job {
  const parked = park(job, error, now);
  if (parked) return parked;
  const refusedAsWhole = error.code === 'validation' || error.status === 404;
  if (refusedAsWhole) {
    const ids = idSet(batch);
    const alreadyHalved = batch.length === 1 || batch[0]?.half !== undefined;
    if (!alreadyHalved) {
      const cut = Math.ceil(batch.length / 2);
      const halfOf = new Map(batch.map((item, i) => [item.id, `${batch[0]?.id}${i < cut ? 'a' : 'b'}`]));
      return { ...job, items: updateItems(job, ids, (item) => ({ ...item, half: halfOf.get(item.id) })) };
    }
    // A 404 says "not there to act on": already revoked or expired away. Verification says which.
    const outcome = error.status === 404 ? withState('sent') : withState('failed', error.message);
    return { ...job, transientFailures: 0, items: updateItems(job, ids, outcome) };
  }
  const pending = idSet(job.items.filter((item) => item.state === 'pending'));
  return {
    ...job,
    message: error.message,
    items: updateItems(job, pending, withState('failed', error.message)),
  };
}

/**
 * A verification round: `listed` holds the ids GitHub still lists. Pages read by offset while
 * GitHub applies writes can skip an item that is still listed, so one absence is not proof:
 * two checks in a row are. Rounds wait 5 s, 10 s, 20 s… up to a minute, within the window.
 */
export function verified(job: Job, listed: ReadonlySet<number>, now: number): Job {
  const items = job.items.map((item): JobItem => {
    if (item.state !== 'sent') return item;
    if (listed.has(item.id)) return item.absentOnce ? { ...item, absentOnce: false } : item;
    if (!item.absentOnce) return { ...item, absentOnce: true };
    const { absentOnce: _gone, ...rest } = item;
    return { ...rest, state: 'done' };
  });
  return afterCheck({ ...job, items, message: null }, now);
}

/** A verification round that could not ask GitHub: say why, and try again in the next round. */
export function verifyFailed(job: Job, error: StepError, now: number): Job {
  return afterCheck({ ...job, message: error.message }, now);
}

function afterCheck(job: Job, now: number): Job {
  const verifyUntil = job.verifyUntil ?? now + VERIFY_WINDOW_MS;
  const stillSent = job.items.some((item) => item.state === 'sent');
  if (!stillSent) return { ...job, phase: 'done', verifyUntil, nextCheckAt: null };
  if (now >= verifyUntil) {
    const reason = 'GitHub accepted the request but still lists this item. Reload later to check.';
    const sent = idSet(job.items.filter((item) => item.state === 'sent'));
    return {
      ...job,
      phase: 'done',
      verifyUntil,
      nextCheckAt: null,
      items: updateItems(job, sent, withState('unconfirmed', reason)),
    };
  }
  const verifyRounds = job.verifyRounds + 1;
  const wait = Math.min(VERIFY_INTERVAL_MS * 2 ** (verifyRounds - 1), 60_000);
  return {
    ...job,
    phase: 'verifying',
    verifyUntil,
    verifyRounds,
    nextCheckAt: Math.min(now + wait, verifyUntil),
  };
}

/** Puts the failed items of a finished job back in the queue. */
export function retryFailed(job: Job): Job {
  const failed = idSet(job.items.filter((item) => item.state === 'failed'));
  return {
    ...job,
    phase: 'running',
    transientFailures: 0,
    message: null,
    verifyUntil: null,
    nextCheckAt: null,
    verifyRounds: 0,
    items: updateItems(job, failed, (item) => {
      const { reason: _r, logged: _l, half: _h, ...rest } = item;
      return { ...rest, state: 'pending' };
    }),
  };
}

const FINAL: ReadonlySet<ItemState> = new Set(['done', 'failed', 'unconfirmed']);

/** The log entries of outcomes not logged yet, and the job with them marked logged. */
export function takeLogEntries(job: Job, now: number, doneOutcome: LogEntry['outcome']): [LogEntry[], Job] {
  const entries: LogEntry[] = [];
  const items = job.items.map((item) => {
    if (item.logged || !FINAL.has(item.state)) return item;
    entries.push({
      at: now,
      org: job.org,
      grantId: item.id,
      tokenId: item.tokenId,
      tokenName: item.name,
      ownerLogin: item.owner,
      outcome: item.state === 'done' ? doneOutcome : (item.state as 'failed' | 'unconfirmed'),
      // A review's entry keeps the owner's reason; a failure's, GitHub's too.
      reason: item.reason ?? job.note ?? null,
      actor: job.actor,
      ...(job.note === undefined ? {} : { reviewReason: job.note }),
    });
    return { ...item, logged: true };
  });
  return entries.length === 0 ? [entries, job] : [entries, { ...job, items }];
}
