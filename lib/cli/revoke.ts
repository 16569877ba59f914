// `patrol revoke`: the tokens matching --query, listed (a dry run) or, with --yes, revoked as
// one engine job journaled to a file, so a killed run resumes instead of starting over.
import { randomUUID } from 'node:crypto';
import { listAllGrants } from '../github/grants';
import { stillListedByTokenId, tokenIdRequests } from '../github/still-listed';
import { createJob } from '../jobs/engine';
import type { Job, JobItem } from '../jobs/job';
import { revokeKind } from '../worker/kinds/revoke';
import { carryOut, journalPath, resumeNote, unfinishedJournal } from './action';
import type { ActionArgs } from './args';
import { credentialsFromEnv } from './env';
import { EXIT, type ExitCode } from './exit';
import { auditCsvOf, auditJsonLines } from './formats';
import { connect } from './github';
import type { Context } from './io';
import { listMarkdown } from './listing';
import { count } from './markdown';
import { checkQuery, matching } from './query';
import { fetchRepositories } from './repositories';

export const REVOKE_WORDS = { idColumn: 'grant_id', done: 'revoked', verb: 'Revoked', noun: 'token' };

export async function runRevoke(args: ActionArgs, ctx: Context): Promise<ExitCode> {
  const query = checkQuery(args.query, '--query');
  const path = journalPath(args, ctx.io.cwd);
  const unfinished = await unfinishedJournal(args, path);
  const connection = connect(await credentialsFromEnv(ctx.io.env), ctx.io.github);
  const client = await connection.clientFor(args.org);
  const now = ctx.io.now();
  let total = Number.POSITIVE_INFINITY;
  let job: Job;

  if (unfinished) {
    job = unfinished.job;
    ctx.progress.note(resumeNote(job, path));
  } else {
    const load = ctx.progress.step(`${args.org}: loading tokens`);
    const all = await listAllGrants(client, args.org, (p) => load.update(p.loaded, p.total));
    load.end(`${args.org}: ${count(all.length)} tokens`);
    total = all.length;
    const repositories = new Map<number, readonly string[]>();
    if (query.needsRepositories) await fetchRepositories(client, args.org, all, repositories, () => {});
    const tokens = matching(all, query, args.org, repositories, now);
    if (!args.yes) {
      const audit = [
        {
          org: args.org,
          rows: tokens.map((token) => ({ token, repositories: repositories.get(token.grantId) ?? null })),
        },
      ];
      if (args.format === 'csv') await ctx.print(auditCsvOf(audit, now));
      else if (args.format === 'json') await ctx.print(auditJsonLines(audit, now));
      else await ctx.print(listMarkdown(args.org, tokens, 'Would revoke', now));
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

  // Verification asks by token_id[] when that is cheaper than reloading the org, as the worker does.
  const stillListed = async (org: string, items: readonly JobItem[]): Promise<Set<number>> => {
    const requests = tokenIdRequests(items);
    if (requests !== null && requests < Math.ceil(total / 100)) {
      const live = await stillListedByTokenId(client, org, items);
      if (live !== null) return live;
    }
    return new Set((await listAllGrants(client, org)).map((token) => token.grantId));
  };
  return carryOut(
    job,
    revokeKind({ client: async () => client, stillListed }),
    args,
    path,
    REVOKE_WORDS,
    ctx,
  );
}
