// `patrol requests`: the org's pending token requests matching --query, listed, or with
// --approve/--deny (and --yes) reviewed as one engine job, journaled like a revocation.
import { randomUUID } from 'node:crypto';
import { listAllRequests } from '../github/requests';
import { createJob } from '../jobs/engine';
import type { Job } from '../jobs/job';
import { requestToWire, type TokenRequest } from '../token-requests';
import { reviewKind } from '../worker/kinds/review';
import { carryOut, journalPath, resumeNote, unfinishedJournal } from './action';
import type { ActionArgs } from './args';
import { credentialsFromEnv } from './env';
import { EXIT, type ExitCode } from './exit';
import { connect } from './github';
import type { Context } from './io';
import { count } from './markdown';
import { checkQuery, matching } from './query';
import { requestListText } from './request-list';

const WORDS = {
  approve: { idColumn: 'request_id', done: 'approved', verb: 'Approved', noun: 'request' },
  deny: { idColumn: 'request_id', done: 'denied', verb: 'Denied', noun: 'request' },
};

export async function runRequests(args: ActionArgs, ctx: Context): Promise<ExitCode> {
  const query = checkQuery(args.query, '--query');
  const path = journalPath(args, ctx.io.cwd);
  const unfinished = await unfinishedJournal(args, path);
  const connection = connect(await credentialsFromEnv(ctx.io.env), ctx.io.github);
  const client = await connection.clientFor(args.org);
  const now = ctx.io.now();
  let job: Job;

  if (unfinished) {
    job = unfinished.job;
    ctx.progress.note(resumeNote(job, path));
  } else {
    const load = ctx.progress.step(`${args.org}: loading pending requests`);
    const all = await listAllRequests(client, args.org, (p) => load.update(p.loaded, p.total));
    load.end(`${args.org}: ${count(all.length)} pending requests`);
    const requests = matching(all, query, args.org, new Map(), now) as TokenRequest[];
    if (!args.yes || args.decision === null) {
      await ctx.print(requestListText(args.org, requests, args.decision, args.format, now));
      if (args.decision) {
        ctx.progress.note(
          `Dry run: nothing was changed. Add --yes to ${args.decision} these ${count(requests.length)} requests.`,
        );
      }
      return EXIT.done;
    }
    const items = requests.map((r) => ({
      id: r.grantId,
      tokenId: r.tokenId,
      name: r.tokenName,
      owner: r.ownerLogin,
    }));
    const spec = {
      id: randomUUID(),
      kind: args.decision,
      org: args.org,
      actor: await connection.actor(),
      items,
    };
    job = createJob(args.reason === null ? spec : { ...spec, note: args.reason }, now);
  }

  // The worker's own review kind: the reason travels as the job's note, a re-sent batch GitHub
  // refuses because its requests were decided meanwhile counts as done, and a missing
  // permission is named exactly.
  const decision = job.kind === 'approve' ? 'approve' : 'deny';
  const reload = async (org: string) => ({
    org,
    loadedAt: ctx.io.now(),
    requests: (await listAllRequests(client, org)).map(requestToWire),
  });
  const kind = reviewKind(decision, { client: async () => client, reload });
  return carryOut(job, kind, args, path, WORDS[decision], ctx);
}
