// `patrol revoke`: the tokens matching --query, listed (a dry run) or, with --yes, revoked as
// one engine job journaled to a file, so a killed run resumes instead of starting over.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { listAllGrants } from '../github/grants';
import { stillListedByTokenId, tokenIdRequests } from '../github/still-listed';
import { createJob } from '../jobs/engine';
import type { Job, JobItem } from '../jobs/job';
import { revokeKind } from '../worker/kinds/revoke';
import type { ActionArgs } from './args';
import { credentialsFromEnv } from './env';
import { EXIT, type ExitCode, UsageError } from './exit';
import { auditCsvOf, auditJsonLines } from './formats';
import { connect } from './github';
import type { Context } from './io';
import { readJournal, writeJournal } from './journal';
import { listMarkdown } from './listing';
import { count } from './markdown';
import { outcomesText } from './outcomes';
import { checkQuery, matching } from './query';
import { fetchRepositories } from './repositories';
import { realSleep, runJob } from './run-job';

export const REVOKE_WORDS = { idColumn: 'grant_id', done: 'revoked', verb: 'Revoked', noun: 'token' };

export function journalPath(args: ActionArgs, cwd: string): string {
  return resolve(cwd, args.journal ?? `patrol-${args.command}-${args.org}.journal.json`);
}

/** Exit status of a finished job: 3 when GitHub refused any item (the reasons are printed). */
export function exitOf(job: Job): ExitCode {
  return job.items.some((item) => item.state === 'failed') ? EXIT.github : EXIT.done;
}

export async function runRevoke(args: ActionArgs, ctx: Context): Promise<ExitCode> {
  if (args.command !== 'revoke') throw new UsageError(`${args.command} is not available in this build`);
  const query = checkQuery(args.query, '--query');
  const path = journalPath(args, ctx.io.cwd);
  const journal = args.yes ? await readJournal(path) : null;
  const unfinished = journal && journal.job.phase !== 'done' ? journal : null;
  if (
    unfinished &&
    (unfinished.command !== 'revoke' || unfinished.job.org.toLowerCase() !== args.org.toLowerCase())
  ) {
    throw new UsageError(
      `the journal ${path} belongs to an unfinished ${unfinished.command} of ${unfinished.job.org}`,
    );
  }
  if (unfinished && unfinished.query !== args.query) {
    throw new UsageError(
      `the journal ${path} holds an unfinished revoke for --query "${unfinished.query}"; run that again to finish it, or move the journal away`,
    );
  }
  const connection = connect(await credentialsFromEnv(ctx.io.env), ctx.io.github);
  const client = await connection.clientFor(args.org);
  const now = ctx.io.now();
  let total = Number.POSITIVE_INFINITY;
  let job: Job;

  if (unfinished) {
    job = unfinished.job;
    const left = job.items.filter((item) => item.state === 'pending').length;
    ctx.progress.note(
      `${args.org}: resuming the revocation in ${path} (${count(left)} of ${count(job.items.length)} not sent yet)`,
    );
  } else {
    const load = ctx.progress.step(`${args.org}: loading tokens`);
    const all = await listAllGrants(client, args.org, (p) => load.update(p.loaded, p.total));
    load.end(`${args.org}: ${count(all.length)} tokens`);
    total = all.length;
    const repositories = new Map<number, readonly string[]>();
    if (query.needsRepositories) {
      await fetchRepositories(client, args.org, all, repositories, () => {});
    }
    const tokens = matching(all, query, args.org, repositories, now);
    if (!args.yes) {
      const rows = tokens.map((token) => ({ token, repositories: repositories.get(token.grantId) ?? null }));
      const audit = [{ org: args.org, rows }];
      const text =
        args.format === 'csv'
          ? auditCsvOf(audit, now)
          : args.format === 'json'
            ? auditJsonLines(audit, now)
            : listMarkdown(args.org, tokens, 'Would revoke', now);
      await ctx.print(text);
      ctx.progress.note(
        `Dry run: nothing was revoked. Add --yes to revoke these ${count(tokens.length)} tokens.`,
      );
      return EXIT.done;
    }
    const items = tokens.map((t) => ({
      id: t.grantId,
      tokenId: t.tokenId,
      name: t.tokenName,
      owner: t.ownerLogin,
    }));
    job = createJob(
      { id: randomUUID(), kind: 'revoke', org: args.org, actor: await connection.actor(), items },
      now,
    );
  }

  const stillListed = async (org: string, items: readonly JobItem[]): Promise<Set<number>> => {
    const requests = tokenIdRequests(items);
    if (requests !== null && requests < Math.ceil(total / 100)) {
      const live = await stillListedByTokenId(client, org, items);
      if (live !== null) return live;
    }
    return new Set((await listAllGrants(client, org)).map((token) => token.grantId));
  };
  const kind = revokeKind({ client: async () => client, stillListed });
  const record = {
    version: 1 as const,
    command: 'revoke' as const,
    query: args.query,
    decision: null,
    reason: null,
  };
  const finished = await runJob(job, {
    kind,
    save: (next) => writeJournal(path, { ...record, job: next }),
    now: ctx.io.now,
    sleep: realSleep,
    progress: ctx.progress,
  });
  await ctx.print(outcomesText(finished, REVOKE_WORDS, args.format));
  return exitOf(finished);
}
