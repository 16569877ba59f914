// Runs a job with the engine's pure transitions (lib/jobs/engine.ts), as the worker's runner
// does, with the journal in place of IndexedDB: the job is written before anything is sent
// and after every step, so a killed run resumes from the last recorded step. A batch whose
// 202 arrived but whose record did not is sent again at most once (GitHub's writes here are
// idempotent); a batch recorded as sent never is.
import { batchFailed, batchSent, nextStep, verified, verifyFailed } from '../jobs/engine';
import { type Job, summaryOf } from '../jobs/job';
import type { KindRunner } from '../worker/job-runner';
import { statusOf, toReplyError } from '../worker/reply-error';
import type { Progress } from './progress';

export interface RunDeps {
  kind: Pick<KindRunner, 'action' | 'send' | 'stillListed'>;
  save(job: Job): Promise<void>;
  now(): number;
  sleep(ms: number): Promise<void>;
  progress: Progress;
}

export async function runJob(start: Job, deps: RunDeps): Promise<Job> {
  let job = start;
  const { kind } = deps;
  await deps.save(job);
  const bar = deps.progress.step(`${job.org}: ${kind.action}`);
  for (;;) {
    const step = nextStep(job, deps.now());
    if (step.type === 'done') break;
    if (step.type === 'wait') {
      if (job.phase === 'waiting' && job.message) deps.progress.note(`${job.org}: ${job.message}`);
      await deps.sleep(Math.max(0, step.until - deps.now()));
      continue;
    }
    const context = (action: string) => ({ org: job.org, action, now: deps.now() });
    if (step.type === 'send') {
      try {
        await kind.send(job.org, step.items, job);
        job = batchSent(job, step.items);
      } catch (error) {
        const described = { ...toReplyError(error, context(kind.action)), status: statusOf(error) };
        job = batchFailed(job, step.items, described, deps.now());
      }
    } else {
      try {
        job = verified(job, await kind.stillListed(job.org, step.items), deps.now());
      } catch (error) {
        job = verifyFailed(job, toReplyError(error, context('check the results')), deps.now());
      }
    }
    await deps.save(job);
    const summary = summaryOf(job);
    bar.update(summary.sent, summary.total);
  }
  const summary = summaryOf(job);
  bar.end(
    `${job.org}: ${summary.done} of ${summary.total} done, ${summary.failed} failed, ${summary.unconfirmed} unconfirmed`,
  );
  return job;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
