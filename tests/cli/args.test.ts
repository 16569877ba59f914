// @vitest-environment node
// The command line's argument handling and exit codes, in-process (no GitHub is reached:
// every case fails or finishes before the first request).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../lib/cli/args';
import { UsageError } from '../../lib/cli/exit';
import { main } from '../../lib/cli/main';
import { mdText } from '../../lib/cli/markdown';

const dir = mkdtempSync(join(tmpdir(), 'patrol-args-'));

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: {
      write: (text: string, done?: (error?: Error | null) => void) => {
        stdout += text;
        done?.();
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    env,
    cwd: dir,
    now: () => Date.UTC(2026, 0, 15),
  });
  return { code, stdout, stderr };
}

const usage = (argv: string[]) => () => parseCommandLine(argv);

describe('parseCommandLine', () => {
  it('reads every flag of audit, repeating --org, --format and --policy', () => {
    expect(
      parseCommandLine([
        'audit',
        '--org',
        'acme',
        '--org',
        'beta',
        '--query',
        '-owner:bot',
        '--format',
        'csv',
        '--format',
        'md',
        '--out',
        'reports',
        '--fail-on',
        'risk:high',
        '--no-repos',
        '--policy',
        'Old=used:>1y',
        '--sso',
      ]),
    ).toEqual({
      command: 'audit',
      orgs: ['acme', 'beta'],
      query: '-owner:bot',
      formats: ['csv', 'md'],
      out: 'reports',
      failOn: 'risk:high',
      repositories: false,
      policies: [{ name: 'Old', query: 'used:>1y' }],
      sso: true,
    });
  });

  it('takes --sso only where a second file can go: with --out, or in the Markdown summary', () => {
    expect(parseCommandLine(['audit', '--org', 'acme'])).toMatchObject({ sso: false });
    expect(() => parseCommandLine(['audit', '--org', 'acme', '--sso'])).toThrow(
      /--sso writes the SSO credentials beside the tokens .*sso-credentials-….csv.*give --out DIR, or --format md/,
    );
    expect(() => parseCommandLine(['audit', '--org', 'acme', '--sso', '--format', 'json'])).toThrow(
      /….jsonl/,
    );
    expect(parseCommandLine(['audit', '--org', 'acme', '--sso', '--format', 'md'])).toMatchObject({
      sso: true,
    });
    expect(parseCommandLine(['audit', '--org', 'acme', '--sso', '--out', 'r'])).toMatchObject({ sso: true });
  });

  it('defaults to a dry run with the Markdown list, and --yes acts', () => {
    expect(parseCommandLine(['revoke', '--org', 'acme', '--query', 'used:>90d'])).toMatchObject({
      yes: false,
      format: 'md',
      journal: null,
    });
    expect(
      parseCommandLine(['revoke', '--org', 'acme', '--query=used:>90d', '--yes', '--journal', 'j.json']),
    ).toMatchObject({
      yes: true,
      journal: 'j.json',
      query: 'used:>90d',
    });
    expect(
      parseCommandLine(['requests', '--org', 'acme', '--deny', '--reason', 'no', '--yes']),
    ).toMatchObject({
      decision: 'deny',
      reason: 'no',
      yes: true,
    });
  });

  it.each([
    [['audit', '--org', 'acme', '--colour'], 'unknown flag --colour for audit'],
    [['audit'], 'audit needs --org ORG'],
    [['audit', '--org', 'ac me'], '"ac me" is not an organization name'],
    [['audit', '--org', 'acme', '--format', 'xlsx'], 'unknown --format "xlsx"'],
    [
      ['audit', '--org', 'acme', '--format', 'csv', '--format', 'md'],
      'several --format values need --out DIR',
    ],
    [['audit', '--org', 'acme', 'extra'], 'unexpected argument extra'],
    [['audit', '--org', 'acme', '--policy', 'nameless'], '--policy takes NAME=QUERY'],
    [['audit', '--org'], 'argument missing'],
    [['revoke', '--org', 'acme'], 'revoke needs --query'],
    [['revoke', '--org', 'a', '--org', 'b', '--query', 'x'], 'revoke takes one --org'],
    [['requests', '--org', 'acme', '--approve', '--deny'], 'give --approve or --deny, not both'],
    [['requests', '--org', 'acme', '--reason', 'why'], '--reason goes with --approve or --deny'],
    [['requests', '--org', 'acme', '--yes'], '--yes needs --approve or --deny'],
    [['requests', '--org', 'acme', '--deny', '--reason', 'x'.repeat(1025)], 'at most 1024'],
    [['audit-all'], 'unknown command "audit-all"'],
  ])('refuses %j as a usage error', (argv, message) => {
    expect(usage(argv)).toThrow(UsageError);
    expect(usage(argv)).toThrow(message);
  });
});

describe('exit codes and messages', () => {
  const key = join(dir, 'key.pem');
  writeFileSync(key, 'not a key');
  const app = { PATROL_APP_ID: '123456' };

  it('prints help on stdout with exit 0, for patrol and for each command', async () => {
    for (const argv of [['--help'], ['audit', '--help'], ['revoke', '-h'], ['requests', '--help']]) {
      const result = await run(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage:/);
      expect(result.stderr).toBe('');
    }
  });

  it.each([
    [
      ['audit', '--org', 'acme', '--bogus'],
      {},
      2,
      'patrol: unknown flag --bogus for audit (see patrol --help)',
    ],
    [['audit', '--org', 'acme', '--query', 'colour:red'], app, 2, 'patrol: --query "colour:red": '],
    [['audit', '--org', 'acme', '--fail-on', 'expires:soon'], app, 2, 'patrol: --fail-on "expires:soon": '],
    [['audit', '--org', 'acme'], {}, 3, 'patrol: PATROL_APP_ID is not set'],
    [
      ['audit', '--org', 'acme'],
      { PATROL_APP_ID: 'my app' },
      3,
      'neither an App ID (a number) nor a Client ID',
    ],
    [['audit', '--org', 'acme'], app, 3, 'No private key: set PATROL_PRIVATE_KEY'],
    [
      ['audit', '--org', 'acme'],
      { ...app, PATROL_PRIVATE_KEY_FILE: join(dir, 'missing.pem') },
      3,
      'cannot be read (ENOENT)',
    ],
    [['audit', '--org', 'acme'], { ...app, PATROL_PRIVATE_KEY_FILE: key }, 3, 'This is not a private key.'],
    [
      ['audit', '--org', 'acme'],
      {
        ...app,
        PATROL_PRIVATE_KEY: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----',
      },
      3,
      'This is an SSH key',
    ],
    [
      ['audit', '--org', 'acme'],
      { ...app, PATROL_PRIVATE_KEY: 'x', PATROL_API_URL: 'http://ghes.local/api/v3' },
      3,
      'PATROL_API_URL must use https',
    ],
  ])('%j with %j exits %i with one line', async (argv, env, code, line) => {
    const result = await run(argv, env as Record<string, string>);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    const written = result.stderr.split('\n').filter(Boolean);
    expect(written).toHaveLength(1);
    expect(written[0]).toContain(line);
  });

  it('refuses a damaged journal instead of starting over', async () => {
    writeFileSync(join(dir, 'patrol-revoke-acme.journal.json'), '{"version":1,');
    const result = await run(['revoke', '--org', 'acme', '--query', 'risk:high', '--yes'], app);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is damaged; move it away to start afresh');
  });
});

describe('Markdown of hostile text', () => {
  it('cannot open a cell, a link, an image, HTML or an autolink, and shows hidden characters', () => {
    const shown = mdText('a|b [x](http://evil) ![i](j) <img src=x> www.evil.com me@evil.com \u202Egnp.exe');
    expect(shown).not.toMatch(/(?<!\\)[|[\]<>]/);
    expect(shown).not.toMatch(/http:\/\/|www\.|(?<!\\)@/);
    expect(shown).toContain('⟦U+202E⟧');
  });
});
