// @vitest-environment node
// The built `patrol` against the fake GitHub, as a child process: an audit of two orgs checked
// against the fake's own data, the --fail-on gate, a `revoke --yes` killed mid-run and resumed
// from its journal without sending a recorded id again, and `requests --deny --reason`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { useCli } from './harness';

const ALL_PERMISSIONS = {
  members: 'read',
  organization_personal_access_tokens: 'write',
  organization_personal_access_token_requests: 'write',
};

const cli = useCli({
  revokeDelayMs: 0,
  orgs: {
    acme: { grants: 80, seed: 42, hostile: true },
    other: { grants: 30, seed: 7 },
    bulk: { grants: 600, seed: 9 },
    asks: { grants: 100, seed: 11, requests: 14, permissions: ALL_PERMISSIONS },
  },
});

/** A cell as a spreadsheet-safe CSV holds it: a leading apostrophe before anything that could run. */
const cell = (text: string) =>
  /^[\s\u200b-\u200f\u202a-\u202e\u2060\ufeff]*[=+\-@\t\r\n＝＋－＠]/u.test(text) ? `'${text}` : text;
const iso = (t: string | null | undefined) => (t ? new Date(t).toISOString() : '');
const today = () => new Date().toISOString().slice(0, 10);
const lines = (text: string) => text.split('\n').filter((line) => line !== '');

/** What the audit CSV must say about an org, from the fake's records (not from PATrol's code). */
function expectedRows(org: string) {
  const state = cli.fake.state.orgs.get(org);
  if (!state) throw new Error(`no org ${org}`);
  const repoNames = new Map(
    state.grants.map((g) => [g.id, g.repoIds.map((id) => `${org}/${state.reposById.get(id)?.name}`)]),
  );
  return cli.fake.liveGrants(org).map((g) => ({
    org,
    grant_id: String(g.id),
    token_id: String(g.token_id),
    owner_login: cell(g.owner.login),
    repository_selection: g.repository_selection,
    repositories: g.repository_selection === 'subset' ? (repoNames.get(g.id) ?? []).join('; ') : '',
    permissions: (['organization', 'repository', 'other'] as const)
      .flatMap((scope) =>
        Object.entries(g.permissions[scope] ?? {}).map(([name, level]) => `${scope}/${name}:${level}`),
      )
      .join('; '),
    access_granted_at: iso(g.access_granted_at),
    token_expires_at: iso(g.token_expires_at),
    token_last_used_at: iso(g.token_last_used_at),
    token_name: cell(g.token_name),
  }));
}

describe('patrol audit', () => {
  it('writes the audit CSV and JSON lines of two orgs with what GitHub lists, each file named as the panel names it', async () => {
    const run = await cli.run([
      'audit',
      '--org',
      'acme',
      '--org',
      'other',
      '--format',
      'csv',
      '--format',
      'json',
      '--out',
      'reports',
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    const files = ['acme', 'other'].flatMap((org) => [
      `${org}-tokens-${today()}.csv`,
      `${org}-tokens-${today()}.jsonl`,
    ]);
    expect(lines(run.stdout).sort()).toEqual(files.map((f) => join('reports', f)).sort());

    for (const org of ['acme', 'other']) {
      const csv = readFileSync(join(cli.dir, 'reports', `${org}-tokens-${today()}.csv`), 'utf8');
      expect(
        csv.startsWith(
          '\uFEFForg,grant_id,token_id,token_name,owner_login,owner_id,repository_selection,repositories,permissions,access_granted_at,token_expires_at,token_expired,token_last_used_at,days_since_last_used,risk\r\n',
        ),
      ).toBe(true);
      expect(
        csv
          .replace(/"[^"]*"/g, '')
          .split('\n')
          .every((line) => line === '' || line.endsWith('\r')),
      ).toBe(true);
      const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      const expected = expectedRows(org);
      expect(parsed.data).toHaveLength(expected.length);
      const byId = new Map(parsed.data.map((row) => [row.grant_id, row]));
      for (const want of expected) {
        const row = byId.get(want.grant_id);
        expect(row).toMatchObject(want);
        expect(['high', 'medium', 'low']).toContain(row?.risk);
      }
      const json = lines(
        readFileSync(join(cli.dir, 'reports', `${org}-tokens-${today()}.jsonl`), 'utf8'),
      ).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(json.map((t) => t.grant_id)).toEqual(parsed.data.map((row) => Number(row.grant_id)));
      const first = json.find((t) => t.repository_selection === 'subset');
      const firstRow = byId.get(String(first?.grant_id));
      expect(first?.repositories).toEqual(firstRow?.repositories?.split('; '));
      expect(typeof first?.token_expired).toBe('boolean');
      expect(json.map((t) => t.risk)).toEqual(parsed.data.map((row) => row.risk));
    }
  });

  it('exits 1 when --fail-on matches, 0 when it does not, and the summary lists what matched', async () => {
    const high = lines(
      (await cli.run(['audit', '--org', 'other', '--format', 'json', '--query', 'risk:high'])).stdout,
    ).length;
    expect(high).toBeGreaterThan(0);
    const gated = await cli.run(['audit', '--org', 'other', '--format', 'md', '--fail-on', 'risk:high']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain(`### ${high} tokens match --fail-on \`risk:high\``);
    expect(gated.stdout).toMatch(/\| High \| \d+ \|/);
    const clean = await cli.run([
      'audit',
      '--org',
      'other',
      '--format',
      'md',
      '--fail-on',
      'owner:nobody-at-all',
    ]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('### 0 tokens match --fail-on');
  });

  it('says what is wrong in one line with exit 2 for bad input and 3 for GitHub, never a stack trace', async () => {
    const flag = await cli.run(['audit', '--org', 'acme', '--colour']);
    expect([flag.code, flag.stdout, lines(flag.stderr)]).toEqual([
      2,
      '',
      ['patrol: unknown flag --colour for audit (see patrol --help)'],
    ]);
    const query = await cli.run(['audit', '--org', 'acme', '--query', 'expires:soon']);
    expect(query.code).toBe(2);
    expect(lines(query.stderr)).toHaveLength(1);
    const missing = await cli.run(['audit', '--org', 'no-such-org']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('The GitHub App is not installed on no-such-org');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});

const revokePosts = (org: string) =>
  cli.fake.requests.filter(
    (ex) => ex.method === 'POST' && ex.restPath === `/orgs/${org}/personal-access-tokens`,
  );
const idsOf = (ex: { body: unknown }) => (ex.body as { pat_ids: number[] }).pat_ids;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('patrol revoke', () => {
  it('resumes a killed `revoke --yes` from its journal without sending a recorded id again', async () => {
    const query = 'risk:high';
    const dry = await cli.run(['revoke', '--org', 'bulk', '--query', query, '--format', 'json']);
    expect(dry.code).toBe(0);
    expect(revokePosts('bulk')).toEqual([]);
    const selection = lines(dry.stdout).map((line) => (JSON.parse(line) as { grant_id: number }).grant_id);
    expect(selection.length).toBeGreaterThan(200); // at least three batches of 100

    // GitHub applies a bulk revocation later: until then the grants are still listed, so a run
    // that listed them again instead of reading its journal would send them again.
    const APPLY_MS = 5 * 60_000;
    cli.fake.config.revokeDelayMs = APPLY_MS;
    const journal = join(cli.dir, 'bulk.journal.json');
    const args = ['revoke', '--org', 'bulk', '--query', query, '--yes', '--journal', journal];
    const first = cli.start(args);
    // Kill it once two batches were accepted and the journal records them (GitHub paces writes
    // about a second apart, so the third is not on its way yet).
    const recorded = () => {
      if (!existsSync(journal)) return new Set<number>();
      const job = JSON.parse(readFileSync(journal, 'utf8')).job as { items: { id: number; state: string }[] };
      return new Set(job.items.filter((item) => item.state !== 'pending').map((item) => item.id));
    };
    for (;;) {
      const accepted = revokePosts('bulk')
        .filter((ex) => ex.status === 202)
        .flatMap(idsOf);
      const inJournal = recorded();
      if (accepted.length >= 200 && accepted.every((id) => inJournal.has(id))) break;
      await pause(20);
    }
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const sentBefore = revokePosts('bulk').length;
    const journalled = recorded();
    expect(journalled.size).toBeGreaterThanOrEqual(200);

    const live = new Set(cli.fake.liveGrants('bulk').map((grant) => grant.id));
    expect([...journalled].filter((id) => !live.has(id))).toEqual([]);

    const resumed = cli.start([...args, '--format', 'json']);
    // Once everything is sent, let GitHub's time pass so that verification sees it applied.
    while (
      new Set(
        revokePosts('bulk')
          .filter((ex) => ex.status === 202)
          .flatMap(idsOf),
      ).size < selection.length
    ) {
      await pause(20);
    }
    cli.fake.advanceTime(APPLY_MS);
    const second = await resumed.done;
    cli.fake.config.revokeDelayMs = 0;
    expect(second.stderr).toContain('resuming');
    expect(second.code).toBe(0);
    const resent = revokePosts('bulk').slice(sentBefore).flatMap(idsOf);
    expect(resent.filter((id) => journalled.has(id))).toEqual([]);
    const everySent = revokePosts('bulk').flatMap(idsOf);
    expect(everySent).toHaveLength(new Set(everySent).size);
    expect(cli.fake.revokedGrantIds('bulk')).toEqual([...selection].sort((a, b) => a - b));
    const outcomes = lines(second.stdout).map(
      (line) => JSON.parse(line) as { grant_id: number; outcome: string },
    );
    expect(outcomes.map((o) => o.grant_id).sort()).toEqual([...selection].sort());
    expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(['revoked']));
  }, 60_000);
});

describe('patrol requests', () => {
  it('denies the matching pending requests with the reason given, and only those', async () => {
    const pending = cli.fake.pendingRequests('asks');
    // Those asking for no organization permission: written as the negation of every org
    // permission the fake's requests ask for, so the expectation comes from the fake's data.
    const orgPerms = [...new Set(pending.flatMap((r) => Object.keys(r.permissions.organization ?? {})))];
    const wanted = pending
      .filter((r) => Object.keys(r.permissions.organization ?? {}).length === 0)
      .map((r) => r.id);
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThan(pending.length);
    const reason = 'Use the "ci" bot | <b>not</b> a personal token';
    const args = [
      'requests',
      '--org',
      'asks',
      '--query',
      orgPerms.map((p) => `-perm:${p}`).join(' '),
      '--deny',
      '--reason',
      reason,
    ];

    const dry = await cli.run([...args, '--format', 'json']);
    expect(dry.stderr).toContain('Dry run');
    expect(dry.code).toBe(0);
    expect(cli.fake.requestDecisions('asks')).toEqual([]);
    const listed = lines(dry.stdout).map((l) => (JSON.parse(l) as { request_id: number }).request_id);
    expect(listed.sort()).toEqual([...wanted].sort());

    const done = await cli.run([...args, '--yes', '--format', 'json', '--journal', 'asks.json']);
    expect(done.code).toBe(0);
    const decisions = cli.fake.requestDecisions('asks');
    expect(decisions.map((d) => d.id)).toEqual([...wanted].sort((a, b) => a - b));
    expect(new Set(decisions.map((d) => `${d.action}:${d.reason}`))).toEqual(new Set([`deny:${reason}`]));
    const outcomes = lines(done.stdout).map((l) => JSON.parse(l) as { outcome: string });
    expect(outcomes.map((o) => o.outcome)).toEqual(wanted.map(() => 'denied'));
  }, 40_000);
});
