// A bulk job's record: what it acts on, where each item stands, and when it may go on.
// Stored one versioned record per job (lib/worker/job-store.ts) and advanced only by the pure
// transitions of lib/jobs/engine.ts.
import type { ItemState, JobKind, JobSummary } from '../protocol';

export const JOB_VERSION = 2;

export interface JobItem {
  /** What GitHub's write takes: the grant id (`pat_id`) for a revocation. */
  id: number;
  /** The user's token id, when GitHub reports it: verification can ask by it. */
  tokenId: number | null;
  name: string;
  owner: string;
  state: ItemState;
  reason?: string;
  /** Set once this item's outcome is in the log. */
  logged?: boolean;
  /** Missing from the last check: a second miss in a row confirms it applied. */
  absentOnce?: boolean;
  /** After GitHub refused a whole batch: which half of it this item is retried in. */
  half?: string;
}

export interface Job {
  version: typeof JOB_VERSION;
  id: string;
  kind: JobKind;
  org: string;
  /** Who started it, for the log: the signed-in login or the App. */
  actor: string;
  /** A review's reason, sent with every batch and kept in the log (approve and deny only). */
  note?: string;
  createdAt: number;
  phase: JobSummary['phase'];
  items: JobItem[];
  waitingUntil: number | null;
  /** When verification stops waiting for GitHub to apply the writes. */
  verifyUntil: number | null;
  /** When the next verification round is due. */
  nextCheckAt: number | null;
  /** Verification rounds so far: each waits twice as long as the last. */
  verifyRounds: number;
  /** Consecutive transient failures, for backoff. */
  transientFailures: number;
  message: string | null;
}

/** The summary pushed to pages: counts only, never the items (lib/protocol.ts JobSummary). */
export function summaryOf(job: Job): JobSummary {
  const counts = { pending: 0, sent: 0, done: 0, failed: 0, unconfirmed: 0 };
  for (const item of job.items) counts[item.state] += 1;
  return {
    id: job.id,
    kind: job.kind,
    org: job.org,
    createdAt: job.createdAt,
    phase: job.phase,
    total: job.items.length,
    done: counts.done,
    failed: counts.failed,
    unconfirmed: counts.unconfirmed,
    sent: job.items.length - counts.pending,
    waitingUntil: job.waitingUntil,
    // GitHub's messages are short, but a summary must stay small whatever they say.
    message: job.message === null ? null : job.message.slice(0, 600),
  };
}
