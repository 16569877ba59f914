// @vitest-environment node
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { SSO_CSV_FIELDS, ssoCsv, ssoCsvFileName } from '../../lib/sso/csv';
import { credential, DAY, NOW } from './sso-factory';

describe('SSO credentials CSV', () => {
  test('one row a credential, the contract’s fields, hostile cells neutralised', () => {
    const pat = credential({
      login: 'alice',
      label: '=HYPERLINK("x")',
      scopes: ['repo', 'gist'],
      accessedAt: NOW - 3 * DAY,
    });
    const ssh = credential({
      login: 'bob',
      kind: 'ssh',
      githubType: 'SSH key',
      scopes: [],
      lastEight: null,
      fingerprint: 'SHA256:f',
      label: 'k',
      accessedAt: null,
      expiresAt: null,
    });
    const csv = ssoCsv([pat, ssh], 'acme', NOW);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trimEnd()).data;
    expect(rows[0]).toEqual([...SSO_CSV_FIELDS]);
    const byField = (row: string[] | undefined) =>
      Object.fromEntries(SSO_CSV_FIELDS.map((f, i) => [f, row?.[i]]));
    expect(byField(rows[1])).toMatchObject({
      org: 'acme',
      credential_id: String(pat.credentialId),
      credential_type: 'personal access token',
      owner_login: 'alice',
      title_or_note: `'=HYPERLINK("x")`,
      scopes: 'repo; gist',
      days_since_last_used: '3',
      risk: 'high',
      credential_accessed_at: new Date(NOW - 3 * DAY).toISOString(),
    });
    expect(byField(rows[2])).toMatchObject({
      credential_type: 'SSH key',
      fingerprint: 'SHA256:f',
      credential_accessed_at: '',
      expires_at: '',
      days_since_last_used: '',
      risk: 'medium',
    });
  });

  test('file name', () => {
    expect(ssoCsvFileName('acme', Date.UTC(2026, 0, 2))).toBe('acme-sso-credentials-2026-01-02.csv');
  });
});
