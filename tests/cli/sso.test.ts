// @vitest-environment node
// `patrol audit --sso` against the fake serving github.com (GitHub Enterprise Cloud): the SSO
// CSV and JSON lines checked against the fake's own records, the summary's section, an org
// without SAML as a note, an App without "Administration" as exit 3 with the panel's words,
// and GHES refused before any request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERMISSIONS } from '../fake-github/state.ts';
import { useCli } from './harness';

const ADMIN = { ...DEFAULT_PERMISSIONS, administration: 'read' };
const cli = useCli(
  {
    orgs: {
      saml: { grants: 12, seed: 3, saml: true, credentials: 45, hostile: true, permissions: ADMIN },
      plain: { grants: 5, seed: 4, permissions: ADMIN },
      locked: { grants: 5, seed: 5, saml: true, credentials: 8 },
    },
  },
  { host: 'github.com' },
);

const today = () => new Date().toISOString().slice(0, 10);
/** A cell as a spreadsheet-safe CSV holds it: a leading apostrophe before anything that could run. */
const cell = (text: string) =>
  /^[\s\u200b-\u200f\u202a-\u202e\u2060\ufeff]*[=+\-@\t\r\n＝＋－＠]/u.test(text) ? `'${text}` : text;

describe('patrol audit --sso', () => {
  it('writes every SAML credential authorization of the org beside its tokens, as GitHub lists them', async () => {
    const out = join(cli.dir, 'sso-out');
    const run = await cli.run([
      'audit',
      '--org',
      'saml',
      '--sso',
      '--format',
      'csv',
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(run.stderr).not.toMatch(/at .*\.mjs:\d+/);
    expect(run.code).toBe(0);
    const written = run.stdout.trim().split('\n');
    const csvPath = join(out, `saml-sso-credentials-${today()}.csv`);
    const jsonPath = join(out, `saml-sso-credentials-${today()}.jsonl`);
    expect(written).toEqual(
      expect.arrayContaining([join(out, `saml-tokens-${today()}.csv`), csvPath, jsonPath]),
    );

    const live = cli.fake.liveCredentials('saml');
    expect(live).toHaveLength(45);
    const rows = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.credential_id)).toEqual(live.map((c) => String(c.credential_id)));
    for (const [i, c] of live.entries()) {
      const row = rows[i] as Record<string, string>;
      expect(row.owner_login).toBe(cell(String(c.login)));
      expect(row.credential_type).toBe(c.credential_type);
      expect(row.scopes).toBe(((c.scopes as string[] | undefined) ?? []).join('; '));
      expect(row.token_last_eight).toBe(String(c.token_last_eight ?? ''));
    }

    const json = readFileSync(jsonPath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(json.map((j) => j.credential_id)).toEqual(live.map((c) => c.credential_id));
    // Native types: the raw login (no CSV apostrophe), scopes as a list, missing as null.
    for (const [i, c] of live.entries()) {
      expect(json[i]?.owner_login).toBe(c.login);
      expect(json[i]?.scopes).toEqual(c.scopes ?? []);
      expect(json[i]?.expires_at).toBe(
        c.authorized_credential_expires_at
          ? new Date(String(c.authorized_credential_expires_at)).toISOString()
          : null,
      );
    }
  }, 60_000);

  it('adds an SSO section to the Markdown summary, and an org without SAML is a note, not a failure', async () => {
    const run = await cli.run(['audit', '--org', 'saml', '--org', 'plain', '--sso', '--format', 'md']);
    expect(run.code).toBe(0);
    const [samlPart, plainPart] = run.stdout.split('## PATrol audit of plain');
    expect(samlPart).toContain('### SSO credentials');
    expect(samlPart).toContain('45 SAML SSO credential authorizations');
    expect(plainPart).toContain('### SSO credentials');
    expect(plainPart).toMatch(/plain: it does not use SAML single sign-on/);
    expect(run.stderr).toMatch(/patrol: plain: GitHub lists no SSO credential authorizations for plain/);
    // The fine-grained audit of both orgs is still there.
    expect(run.stdout).toContain('## PATrol audit of saml');
  }, 60_000);

  it('exits 3 with the panel\'s words when the App lacks "Administration", and still writes the tokens', async () => {
    const out = join(cli.dir, 'locked-out');
    const run = await cli.run(['audit', '--org', 'locked', '--sso', '--out', out]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /patrol: locked: The GitHub App lacks the organization permission "Administration"\. In the GitHub App settings/,
    );
    expect(run.stdout.trim()).toBe(join(out, `locked-tokens-${today()}.csv`));
  }, 60_000);

  it('refuses --sso on GitHub Enterprise Server before asking GitHub anything', async () => {
    const before = cli.fake.requests.length;
    const run = await cli.run(['audit', '--org', 'saml', '--sso', '--format', 'md'], {
      env: { PATROL_API_URL: 'https://ghes.test/api/v3' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^patrol: --sso: GitHub Enterprise Server has no SAML credential authorizations API/,
    );
    expect(cli.fake.requests.length).toBe(before);
  }, 60_000);
});
