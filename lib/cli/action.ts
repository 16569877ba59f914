// What revoke and requests share: the journal a --yes run resumes from, and carrying out a
// job with the engine (run-job.ts), then printing each item's outcome.
import { resolve } from 'node:path';
import type { Job } from '../jobs/job';
import type { KindRunner } from '../worker/job-runner';
import type { ActionArgs } from './args';
import { EXIT, type ExitCode, UsageError } from './exit';
import type { Context } from './io';
import { type Journal, readJournal, writeJournal } from './journal';
import { count } from './markdown';
import { type ActionWords, outcomesText } from './outcomes';
import { realSleep, runJob } from './run-job';

export function journalPath(args: ActionArgs, cwd: string): string {
  return resolve(cwd, args.journal ?? `patrol-${args.command}-${args.org}.journal.json`);
}

/**
 * The unfinished job a --yes run must finish first, or null. A journal of another org, command,
 * query or decision is refused rather than resumed or overwritten: it still holds work.
 */
export async function unfinishedJournal(args: ActionArgs, path: string): Promise<Journal | null> {
  if (!args.yes) return null;
  const journal = await readJournal(path);
  if (journal === null || journal.job.phase === 'done') return null;
  const same =
    journal.command === args.command &&
    journal.job.org.toLowerCase() === args.org.toLowerCase() &&
    journal.query === args.query &&
    journal.decision === args.decision &&
    journal.reason === args.reason;
  if (!same) {
    const what = journal.decision ? `${journal.command} --${journal.decision}` : journal.command;
    throw new UsageError(
      `the journal ${path} holds an unfinished ${what} of ${journal.job.org} for --query "${journal.query}"; run that again to finish it, or move the journal away`,
    );
  }
  return journal;
}

export function resumeNote(job: Job, path: string): string {
  const left = job.items.filter((item) => item.state === 'pending').length;
  return `${job.org}: resuming ${path} (${count(left)} of ${count(job.items.length)} not sent yet)`;
}

/** Exit status of a finished job: 3 when GitHub refused any item (the reasons are printed). */
export function exitOf(job: Job): ExitCode {
  return job.items.some((item) => item.state === 'failed') ? EXIT.github : EXIT.done;
}

export async function carryOut(
  job: Job,
  kind: Pick<KindRunner, 'action' | 'send' | 'stillListed'>,
  args: ActionArgs,
  path: string,
  words: ActionWords,
  ctx: Context,
): Promise<ExitCode> {
  const record = {
    version: 1 as const,
    command: args.command,
    query: args.query,
    decision: args.decision,
    reason: args.reason,
  };
  const finished = await runJob(job, {
    kind,
    save: (next) => writeJournal(path, { ...record, job: next }),
    now: ctx.io.now,
    sleep: realSleep,
    progress: ctx.progress,
  });
  await ctx.print(outcomesText(finished, words, args.format));
  return exitOf(finished);
}
