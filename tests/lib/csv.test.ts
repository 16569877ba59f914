// @vitest-environment node
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, type AuditRow, auditCsv, auditCsvFileName, CSV_BOM } from '../../lib/csv';
import type { Token } from '../../lib/tokens';
import { makeToken, perm } from './token-factory';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const HEADER = AUDIT_CSV_COLUMNS.join(',');

/** Parses the CSV back into records keyed by column, checking the shape on the way. */
function readBack(csv: string): Record<string, string>[] {
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(0, -2), { header: false, newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
  return rows.map((row) => {
    expect(row).toHaveLength(AUDIT_CSV_COLUMNS.length);
    return Object.fromEntries(AUDIT_CSV_COLUMNS.map((c, i) => [c, row[i] ?? '']));
  });
}

const one = (token: Token, repositories: readonly string[] | null = null) =>
  readBack(auditCsv([{ token, repositories }], 'acme', NOW))[0] as Record<string, string>;

describe('auditCsv', () => {
  it('writes a BOM, the header and a CRLF after every record', () => {
    const rows = [makeToken(), makeToken()].map((token) => ({ token, repositories: null }));
    const csv = auditCsv(rows, 'acme', NOW);
    expect(csv.startsWith(`${CSV_BOM}${HEADER}\r\n`)).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(auditCsv([], 'acme', NOW)).toBe(`${CSV_BOM}${HEADER}\r\n`);
  });

  it('fills every column of a subset token', () => {
    const token = makeToken({
      grantId: 42,
      tokenId: 7001,
      tokenName: 'deploy bot',
      ownerLogin: 'octocat',
      ownerId: 583231,
      repositorySelection: 'subset',
      permissions: [
        perm('organization', 'members', 'read'),
        perm('repository', 'contents', 'write'),
        perm('other', 'gists', 'read'),
      ],
      grantedAt: new Date('2025-01-10T12:00:00+02:00'),
      expiresAt: new Date('2026-01-01T00:00:00Z'),
      expired: false,
      lastUsedAt: new Date('2025-05-20T12:00:00.001Z'),
    });
    expect(one(token, ['acme/website', 'acme/api'])).toEqual({
      org: 'acme',
      grant_id: '42',
      token_id: '7001',
      token_name: 'deploy bot',
      owner_login: 'octocat',
      owner_id: '583231',
      repository_selection: 'subset',
      repositories: 'acme/website; acme/api',
      permissions: 'organization/members:read; repository/contents:write; other/gists:read',
      access_granted_at: '2025-01-10T10:00:00.000Z',
      token_expires_at: '2026-01-01T00:00:00.000Z',
      token_expired: 'false',
      token_last_used_at: '2025-05-20T12:00:00.001Z',
      days_since_last_used: '11',
      risk: 'medium',
    });
  });

  it('leaves a cell empty for none: never used, never expires, no token id, no list', () => {
    const token = makeToken({
      tokenId: null,
      repositorySelection: 'all',
      permissions: [],
      grantedAt: null,
      expiresAt: null,
      lastUsedAt: null,
    });
    expect(one(token)).toMatchObject({
      token_id: '',
      repository_selection: 'all',
      repositories: '',
      permissions: '',
      access_granted_at: '',
      token_expires_at: '',
      token_expired: 'false',
      token_last_used_at: '',
      days_since_last_used: '',
      risk: 'medium',
    });
  });

  it.each<[string, Partial<Token>, string]>([
    ['the flag', { expired: true, expiresAt: new Date(NOW + 86_400_000) }, 'true'],
    ['the time', { expired: false, expiresAt: new Date(NOW - 1) }, 'true'],
    ['exactly now', { expired: false, expiresAt: new Date(NOW) }, 'true'],
    ['the future', { expired: false, expiresAt: new Date(NOW + 1) }, 'false'],
    ['never', { expired: false, expiresAt: null }, 'false'],
  ])('token_expired by %s', (_label, overrides, expected) => {
    expect(one(makeToken(overrides)).token_expired).toBe(expected);
  });

  it.each<[string, string]>([
    ['2025-06-01T12:00:00Z', '0'],
    ['2025-06-01T11:59:59Z', '0'],
    ['2025-05-31T12:00:01Z', '0'],
    ['2025-05-31T12:00:00Z', '1'],
    ['2025-05-31T11:59:59Z', '1'],
    ['2024-06-01T12:00:00Z', '365'],
    ['2025-06-02T00:00:00Z', '0'],
  ])('days_since_last_used for %s is %s (whole days, floor)', (used, days) => {
    expect(one(makeToken({ lastUsedAt: new Date(used) })).days_since_last_used).toBe(days);
  });

  it.each<[string, Partial<Token>, string]>([
    ['high', { permissions: [perm('repository', 'secrets', 'write')] }, 'high'],
    ['medium', { permissions: [perm('repository', 'issues', 'write')] }, 'medium'],
    ['low', { permissions: [perm('repository', 'issues', 'read')] }, 'low'],
  ])('risk %s', (_label, overrides, expected) => {
    expect(one(makeToken(overrides)).risk).toBe(expected);
  });

  it.each<[string, string]>([
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tfoo', "'\tfoo"],
    ['\rfoo', "'\rfoo"],
    ["=cmd|' /C calc'!A0\nsecond line", "'=cmd|' /C calc'!A0\nsecond line"],
    ['a "quoted" name', 'a "quoted" name'],
    ['comma, name', 'comma, name'],
    ['multi\r\nline', 'multi\r\nline'],
    ['\u202Eexe.txt', '\u202Eexe.txt'],
    ['\uFEFFbom inside', '\uFEFFbom inside'],
    [' leading space', ' leading space'],
    ['trailing space ', 'trailing space '],
    ['a=b', 'a=b'],
    ['', ''],
  ])('round-trips the hostile name %j as %j', (name, expected) => {
    const row = one(makeToken({ tokenName: name, ownerLogin: name }));
    expect(row.token_name).toBe(expected);
    expect(row.owner_login).toBe(expected);
  });

  it('neutralises formula cells in every text column', () => {
    const token = makeToken({
      tokenName: 'ok',
      permissions: [perm('repository', '=x', 'read')],
    });
    const row = one(token, ['-acme/x', '@y']);
    expect(row.repositories).toBe("'-acme/x; @y");
    expect(row.permissions).toBe('repository/=x:read');
    expect(readBack(auditCsv([{ token, repositories: null }], '=org', NOW))[0]?.org).toBe("'=org");
  });

  it('quotes only the cells that need it', () => {
    const token = makeToken({ grantId: 5, tokenName: 'say "hi", =x' });
    const csv = auditCsv([{ token, repositories: null }], 'acme', NOW);
    expect(csv.split('\r\n')[1]).toMatch(/^acme,5,\d+,"say ""hi"", =x",user\d+,/);
    const hostile = auditCsv([{ token: makeToken({ tokenName: '=1+1' }), repositories: null }], 'a', NOW);
    expect(hostile).toContain(`,'=1+1,`);
  });

  it('writes 10,000 rows that read back whole, neutralised where needed', () => {
    const rows: AuditRow[] = [];
    for (let i = 0; i < 10_000; i++) {
      rows.push({
        token: makeToken({
          tokenName: i % 10 === 0 ? `=evil, "${i}"` : `token ${i}`,
          repositorySelection: 'subset',
          permissions: [perm('repository', 'contents', 'write'), perm('repository', 'metadata', 'read')],
        }),
        repositories: ['acme/a', 'acme/b', 'acme/c'],
      });
    }
    auditCsv(rows.slice(0, 100), 'acme', NOW); // warm up
    const csv = auditCsv(rows, 'acme', NOW);
    const back = readBack(csv);
    expect(back).toHaveLength(10_000);
    expect(back[10]?.token_name).toBe(`'=evil, "10"`);
  });
});

describe('auditCsvFileName', () => {
  it.each<[string, string, string]>([
    ['acme', '2025-06-01T12:00:00Z', 'acme-tokens-2025-06-01.csv'],
    ['acme', '2025-03-04T23:30:00-02:00', 'acme-tokens-2025-03-05.csv'],
    ['acme', '2025-12-31T23:59:59.999Z', 'acme-tokens-2025-12-31.csv'],
    ['My-Org_2', '2025-01-01T00:00:00Z', 'My-Org_2-tokens-2025-01-01.csv'],
    ['a/b\\c:d', '2025-01-01T00:00:00Z', 'a_b_c_d-tokens-2025-01-01.csv'],
  ])('%s at %s', (org, when, expected) => {
    expect(auditCsvFileName(org, Date.parse(when))).toBe(expected);
  });
});
