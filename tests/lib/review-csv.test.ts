// @vitest-environment node
// The review CSV (lib/review-csv.ts): every token with its decision, hostile names neutralised
// like every PATrol CSV, and a last line whose SHA-256 an auditor recomputes from the rows.
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_BOM } from '../../lib/csv-write';
import { diffAgainstBaseline } from '../../lib/diff';
import type { LogEntry } from '../../lib/protocol';
import { buildReview, revokedSince } from '../../lib/review';
import { REVIEW_COLUMNS, reviewCsv, reviewCsvFileName } from '../../lib/review-csv';
import { canonicalSnapshot, takeSnapshot } from '../../lib/snapshot';
import { toWire } from '../../lib/tokens';
import { makeToken } from './token-factory';

const HOSTILE = [
  '=1+1',
  '+SUM(A1)',
  '-2',
  '@cmd',
  '\u200B=HYPERLINK("x")',
  '\uFF1Dfull',
  '\n=2 more\nlines',
  '\tTab',
];

function logEntry(
  grantId: number,
  at: number,
  outcome: LogEntry['outcome'] = 'revoked',
  org = 'acme',
): LogEntry {
  return {
    at,
    org,
    grantId,
    tokenId: grantId + 1,
    tokenName: `=gone ${grantId}`,
    ownerLogin: 'eve',
    outcome,
    reason: null,
    actor: 'octo',
  };
}

async function review() {
  const tokens = HOSTILE.map((name, i) =>
    toWire(
      makeToken({
        grantId: 100 + i,
        tokenName: name,
        ownerLogin: `o${i}`,
        expiresAt: i % 2 ? null : new Date('2026-03-01T00:00:00Z'),
      }),
    ),
  );
  const current = await takeSnapshot({ org: 'acme', loadedAt: 5_000, tokens }, { 100: ['acme/api'] });
  const baseline = await takeSnapshot({ org: 'acme', loadedAt: 1_000, tokens: tokens.slice(2) });
  const log = [
    logEntry(7, 900),
    logEntry(8, 2_000),
    logEntry(9, 2_500, 'failed'),
    logEntry(10, 3_000, 'revoked', 'other'),
    logEntry(8, 2_100),
  ];
  const record = await buildReview({
    org: 'acme',
    at: Date.parse('2026-12-01T10:00:00Z'),
    reviewer: 'App acme-patrol',
    changes: { current, baseline, diff: diffAgainstBaseline(current, baseline) },
    log,
    previous: undefined,
  });
  return { record, current };
}

describe('the review CSV', () => {
  it('lists every token kept and every one revoked since the baseline, with reviewer and time', async () => {
    const { record, current } = await review();
    expect(record.counts).toEqual({ total: 8, new: 2, changed: 0, gone: 0, revoked: 1 });
    const csv = reviewCsv(record, current);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...REVIEW_COLUMNS]);
    const body = rows.slice(1, -1);
    expect(body.map((r) => [r[1], r[10]])).toEqual([
      ...HOSTILE.map((_, i) => [String(100 + i), 'kept']),
      ['8', 'revoked'],
    ]);
    expect(body.every((r) => r.length === REVIEW_COLUMNS.length && r[11] === 'App acme-patrol')).toBe(true);
    expect(body.every((r) => r[12] === '2026-12-01T10:00:00.000Z')).toBe(true);
    // Every formula-looking name (each of HOSTILE, and the revoked one's) gets the neutralising quote.
    expect(body.map((r) => r[3])).toEqual([...HOSTILE.map((name) => `'${name}`), "'=gone 8"]);
    expect(reviewCsvFileName(record)).toBe('acme-review-2026-12-01.csv');
  });

  it('ends with a SHA-256 that recomputes from the kept rows, and changes when any row does', async () => {
    const { record, current } = await review();
    const rows = Papa.parse<string[]>(reviewCsv(record, current).slice(1), { skipEmptyLines: true }).data;
    const last = rows.at(-1) ?? [];
    expect(last.slice(0, 2)).toEqual(['snapshot_sha256', record.digest]);
    const kept = rows.slice(1, -1).filter((r) => r[10] === 'kept');
    const text = kept.map((r) => `${[r[1], r[2], r[5], r[6], r[7], r[8], r[9]].join('\t')}\n`).join('');
    expect(text).toBe(canonicalSnapshot(current.entries));
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(record.digest);
    const edited = text.replace(/\tsubset\t/, '\tall\t');
    expect(createHash('sha256').update(edited, 'utf8').digest('hex')).not.toBe(record.digest);
  });

  it('takes from the log only revocations of the org after the previous review, once each', () => {
    const got = revokedSince(
      [
        logEntry(1, 10),
        logEntry(2, 20),
        logEntry(2, 30),
        logEntry(3, 40, 'failed'),
        logEntry(4, 50, 'revoked', 'ACME'),
      ],
      'acme',
      10,
    );
    expect(got.map((t) => [t.grantId, t.at])).toEqual([
      [2, 30],
      [4, 50],
    ]);
  });
});
