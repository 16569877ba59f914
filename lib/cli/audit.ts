// `patrol audit`: every org's grants through the shared pagination, the panel's filter,
// then the CSV, JSON lines or Markdown summary; --fail-on turns matches into exit 1.
import type { AuditRow } from '../csv';
import { listAllGrants } from '../github/grants';
import { GHES_SSO_MESSAGE, isEnterpriseServer } from '../sso/availability';
import type { Token } from '../tokens';
import type { AuditArgs, Format } from './args';
import { credentialsFromEnv } from './env';
import { EXIT, type ExitCode, failureOf, UsageError } from './exit';
import { auditCsvOf, auditJsonLines, fileNameOf, type OrgAudit } from './formats';
import { connect } from './github';
import type { Context } from './io';
import { count } from './markdown';
import { type CheckedQuery, checkQuery, matching } from './query';
import { fetchRepositories } from './repositories';
import { auditSso, type SsoAudit, ssoOutput, ssoSummaryMarkdown } from './sso';
import { DEFAULT_POLICIES, summaryMarkdown } from './summary';

interface OrgResult extends OrgAudit {
  summary: string;
  failOnHits: number;
  /** With --sso: the org's SSO credentials, or why it has none. */
  sso: SsoAudit | null;
}

function render(format: Format, audits: readonly OrgResult[], now: number): string {
  if (format === 'csv') return auditCsvOf(audits, now);
  if (format === 'json') return auditJsonLines(audits, now);
  return audits.map((a) => a.summary).join('\n');
}

export async function runAudit(args: AuditArgs, ctx: Context): Promise<ExitCode> {
  const query = checkQuery(args.query, '--query');
  const failOn = args.failOn === null ? null : checkQuery(args.failOn, '--fail-on');
  const policies = args.policies.length > 0 ? args.policies : DEFAULT_POLICIES;
  for (const p of policies) checkQuery(p.query, `--policy ${p.name}`);
  const credentials = await credentialsFromEnv(ctx.io.env);
  if (args.sso && isEnterpriseServer(credentials.apiBaseUrl)) {
    throw new UsageError(`--sso: ${GHES_SSO_MESSAGE}`);
  }
  const connection = connect(credentials, ctx.io.github);
  const now = ctx.io.now();
  const wantsRows = args.formats.some((f) => f !== 'md') && args.repositories;
  const results: OrgResult[] = [];
  let failed = false;

  /** The org's SSO credentials; a missing permission or an error fails the run, no SAML is a note. */
  const ssoOf = async (client: Awaited<ReturnType<typeof connection.clientFor>>, org: string) => {
    const step = ctx.progress.step(`${org}: loading SSO credentials`);
    let sso: SsoAudit;
    try {
      sso = await auditSso(client, org, (loaded) => step.update(loaded, null));
    } catch (error) {
      // The tokens are still written: only the SSO part of this org failed.
      step.end(`${org}: SSO credentials not loaded`);
      ctx.progress.note(failureOf(error, { org, action: 'list SSO credentials' }).line);
      failed = true;
      return null;
    }
    if (sso.state === 'ok') step.end(`${org}: ${count(sso.credentials.length)} SSO credentials`);
    else {
      step.end(`${org}: no SSO credentials`);
      ctx.progress.note(`patrol: ${org}: ${sso.message}`);
      if (sso.state === 'no_permission') failed = true;
    }
    return sso;
  };

  for (const org of args.orgs) {
    try {
      const client = await connection.clientFor(org);
      const load = ctx.progress.step(`${org}: loading tokens`);
      const all = await listAllGrants(client, org, (p) => load.update(p.loaded, p.total));
      load.end(`${org}: ${count(all.length)} tokens`);
      const repositories = new Map<number, readonly string[]>();
      const fetch = async (tokens: readonly Token[]) => {
        const step = ctx.progress.step(`${org}: fetching repositories`);
        await fetchRepositories(client, org, tokens, repositories, (done, total) => step.update(done, total));
        step.end(`${org}: repositories of ${count(repositories.size)} tokens`);
      };
      const needsAll = [query, failOn].some((q) => q?.needsRepositories);
      if (needsAll) await fetch(all);
      const tokens = matching(all, query, org, repositories, now);
      if (wantsRows && !needsAll) await fetch(tokens);
      const hits = failOn ? matching(tokens, failOn as CheckedQuery, org, repositories, now) : [];
      const rows: AuditRow[] = tokens.map((token) => ({
        token,
        repositories:
          token.repositorySelection === 'subset' ? (repositories.get(token.grantId) ?? null) : null,
      }));
      const sso = args.sso ? await ssoOf(client, org) : null;
      const tokenSummary = summaryMarkdown(
        {
          org,
          query: args.query,
          tokens,
          policies,
          repositories,
          failOn: failOn ? { query: failOn.text, tokens: hits } : null,
        },
        now,
      );
      const summary = sso ? `${tokenSummary}\n${ssoSummaryMarkdown(sso, now)}` : tokenSummary;
      results.push({ org, rows, summary, failOnHits: hits.length, sso });
      if (failOn && hits.length > 0) {
        ctx.progress.note(`${org}: ${count(hits.length)} tokens match --fail-on "${failOn.text}"`);
      }
    } catch (error) {
      failed = true;
      ctx.progress.note(failureOf(error, { org, action: 'list tokens' }).line);
    }
  }

  if (args.out === null) {
    await ctx.print(render(args.formats[0] ?? 'csv', results, now));
  } else {
    const written: string[] = [];
    for (const format of args.formats) {
      for (const result of results) {
        written.push(
          await ctx.save(args.out, fileNameOf(result.org, format, now), render(format, [result], now)),
        );
        const sso = result.sso && ssoOutput(result.sso, result.org, format, now);
        if (sso) written.push(await ctx.save(args.out, sso.name, sso.text));
      }
    }
    await ctx.print(written.map((path) => `${path}\n`).join(''));
  }
  if (failed) return EXIT.github;
  return results.some((r) => r.failOnHits > 0) ? EXIT.failOn : EXIT.done;
}
