// @vitest-environment node
// The requests CSV: the contract's columns in order, the BOM and CRLF, a hostile reason
// neutralised and kept whole (commas, quotes, new lines), and its file name.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { REQUESTS_CSV_COLUMNS, requestsCsv, requestsCsvFileName } from '../../lib/requests-csv';
import type { TokenRequest } from '../../lib/token-requests';
import { makeToken, perm } from './token-factory';

const NOW = Date.parse('2025-06-01T12:00:00Z');

function request(overrides: Partial<TokenRequest> = {}): TokenRequest {
  return {
    ...makeToken({ grantedAt: null, lastUsedAt: null }),
    reason: 'For CI',
    requestedAt: new Date('2025-05-30T10:00:00+02:00'),
    ...overrides,
  };
}

describe('requestsCsv', () => {
  it('writes the contract’s header and one row a request', () => {
    const r = request({
      grantId: 7001,
      tokenId: 5555,
      tokenName: 'deploy',
      ownerLogin: 'alice',
      ownerId: 42,
      repositorySelection: 'subset',
      permissions: [perm('repository', 'contents', 'write'), perm('organization', 'members', 'read')],
      expiresAt: null,
    });
    const csv = requestsCsv([{ request: r, repositories: ['acme/api', 'acme/web'] }], 'acme', NOW);
    expect(csv.startsWith('\uFEFForg,request_id,token_id,token_name,owner_login,owner_id,')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    const [header, cells] = Papa.parse<string[]>(csv.slice(1)).data;
    expect(header).toEqual([...REQUESTS_CSV_COLUMNS]);
    expect(cells).toEqual([
      'acme',
      '7001',
      '5555',
      'deploy',
      'alice',
      '42',
      'subset',
      'acme/api; acme/web',
      'repository/contents:write; organization/members:read',
      'For CI',
      '2025-05-30T08:00:00.000Z',
      '',
      'false',
      '',
      'medium',
    ]);
  });

  it('keeps a hostile reason whole and neutralises what a spreadsheet would run', () => {
    const reason = '=HYPERLINK("https://evil.example","click")\r\nsecond, "line"';
    const csv = requestsCsv([{ request: request({ reason }), repositories: null }], 'acme', NOW);
    const cells = Papa.parse<string[]>(csv.slice(1)).data[1];
    expect(cells?.[9]).toBe(`'${reason}`);
    expect(requestsCsv([{ request: request({ reason: null }), repositories: null }], 'acme', NOW)).toContain(
      ',,',
    );
  });

  it('names the file {org}-token-requests-{YYYY-MM-DD}.csv', () => {
    expect(requestsCsvFileName('acme', NOW)).toBe('acme-token-requests-2025-06-01.csv');
  });
});
