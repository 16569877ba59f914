// Runs jobs: performs the step the engine (lib/jobs/engine.ts) asks for with the job's kind,
// saves what the engine returns after every step, pushes its summary, and wakes itself by a
// timer while the worker lives and by an alarm if Chrome stops it. A job is saved before
// anything is sent and after every batch, so a restarted worker resumes from storage: no
// recorded outcome is lost, and re-sending a batch whose answer was lost is safe (GitHub's
// writes here are idempotent).
import { browser } from 'wxt/browser';
import { batchFailed, batchSent, nextStep, takeLogEntries, verified, verifyFailed } from '../jobs/engine';
import { type Job, type JobItem, summaryOf } from '../jobs/job';
import type { JobKind, JobSummary, LogEntry } from '../protocol';
import { saveJob, unfinishedJobs } from './job-store';
import { statusOf, toReplyError } from './reply-error';

export const JOB_ALARM = 'patrol-job';
export const JOB_HEARTBEAT_ALARM = 'patrol-job-heartbeat';

/**
 * Chrome's answer to any extension call made while the browser closes. It says nothing about
 * GitHub or the items: recorded as the step's outcome, it would fail every pending item, and
 * the owner who reopens the browser would find the job ended instead of finishing it.
 */
export function isBrowserShuttingDown(error: unknown): boolean {
  return error instanceof Error && /\bbrowser is shutting down\b/i.test(error.message);
}

/** What one bulk action does against GitHub; the engine does the rest. */
export interface KindRunner {
  /** For messages: "revoke tokens". */
  action: string;
  /** The log's word for an item GitHub applied. */
  doneOutcome: LogEntry['outcome'];
  /** `job` carries what applies to the whole job (a review's reason). */
  send(org: string, items: readonly JobItem[], job: Job): Promise<void>;
  /** The ids of `items` GitHub still lists as not applied. */
  stillListed(org: string, items: readonly JobItem[]): Promise<Set<number>>;
}

export interface JobRunner {
  /** Saves a new (or retried) job and runs it in the background. */
  start(job: Job): Promise<void>;
  /** Resumes every unfinished job: on start-up, by alarm and by timer. */
  resumeAll(): Promise<void>;
  /** Settles when the job's current run (if any) has saved its last state. */
  settled(jobId: string): Promise<void>;
}

export function createJobRunner(deps: {
  kinds: Record<JobKind, KindRunner>;
  now: () => number;
  publish: (summary: JobSummary) => void;
  appendLog: (entries: LogEntry[]) => Promise<void>;
}): JobRunner {
  const running = new Map<string, Promise<void>>();
  const runAgain = new Set<string>();
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  let wakeDue = 0;

  /**
   * The earliest wake asked for wins: every wake resumes every job, and a job not due yet asks
   * again, so a later wake is never lost by keeping an earlier one.
   */
  function wakeAt(when: number): void {
    if (wakeTimer !== undefined && wakeDue <= when) return;
    clearTimeout(wakeTimer);
    wakeDue = when;
    wakeTimer = setTimeout(
      () => {
        wakeTimer = undefined;
        void resumeAll();
      },
      Math.max(0, when - deps.now()),
    );
    // Chrome rounds alarms up to 30 s; the timer covers the common case of a live worker.
    void armAlarm(Date.now() + Math.max(when - deps.now(), 30_000));
  }

  async function armAlarm(when: number): Promise<void> {
    const armed = await browser.alarms.get(JOB_ALARM);
    if (armed && armed.scheduledTime > Date.now() && armed.scheduledTime <= when) return;
    await browser.alarms.create(JOB_ALARM, { when });
  }

  async function save(job: Job): Promise<void> {
    await saveJob(job);
    deps.publish(summaryOf(job));
  }

  /** Advances a job as far as it can go now, saving after every step. */
  async function advance(start: Job): Promise<void> {
    let job = start;
    const kind = deps.kinds[job.kind];
    for (;;) {
      const now = deps.now();
      const step = nextStep(job, now);
      if (step.type === 'done') break;
      if (step.type === 'wait') {
        wakeAt(step.until);
        break;
      }
      // Errors are described at the moment they arrive: retry-after counts from then.
      const context = () => ({ org: job.org, action: kind.action, now: deps.now() });
      if (step.type === 'send') {
        try {
          await kind.send(job.org, step.items, job);
          job = batchSent(job, step.items);
        } catch (error) {
          // Nothing is saved: the job resumes from its last save when the browser starts again.
          if (isBrowserShuttingDown(error)) return;
          const described = { ...toReplyError(error, context()), status: statusOf(error) };
          job = batchFailed(job, step.items, described, deps.now());
        }
      } else {
        try {
          job = verified(job, await kind.stillListed(job.org, step.items), deps.now());
        } catch (error) {
          if (isBrowserShuttingDown(error)) return;
          job = verifyFailed(
            job,
            toReplyError(error, { ...context, action: 'check the results' }),
            deps.now(),
          );
        }
      }
      if (job.phase === 'done') break;
      await save(job);
    }
    // Outcomes reach the log once, then the job is saved with them marked logged.
    const [entries, logged] = takeLogEntries(job, deps.now(), kind.doneOutcome);
    await deps.appendLog(entries);
    await save(logged);
  }

  /**
   * A job already running is not started twice; asked to run meanwhile (a wake, a retry), it
   * runs once more from storage when this run ends, so a wake that lands late is not lost.
   */
  function run(job: Job): Promise<void> {
    const current = running.get(job.id);
    if (current) {
      runAgain.add(job.id);
      return current;
    }
    // A heartbeat alarm while any job is unfinished: if Chrome stops the worker mid-batch,
    // the alarm starts it again and the job resumes from storage.
    void browser.alarms.create(JOB_HEARTBEAT_ALARM, { periodInMinutes: 0.5 });
    const runOnce = advance(job)
      .catch((error) => console.warn('[PATrol] job run failed; it resumes on the next wake', error))
      .finally(() => {
        running.delete(job.id);
        if (runAgain.delete(job.id)) void resumeAll();
      });
    running.set(job.id, runOnce);
    return runOnce;
  }

  async function resumeAll(): Promise<void> {
    const jobs = await unfinishedJobs();
    // Running jobs too: run() marks them to run again, so a wake landing while a run saves its
    // last state is not lost (tests/lib/worker/job-runner.test.ts).
    await Promise.all(jobs.map(run));
    if (running.size === 0 && (await unfinishedJobs()).length === 0) {
      await browser.alarms.clear(JOB_HEARTBEAT_ALARM);
    }
  }

  return {
    async start(job) {
      await save(job);
      void run(job);
    },
    resumeAll,
    async settled(jobId) {
      await running.get(jobId);
    },
  };
}
