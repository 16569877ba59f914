// The review CSV's digest as an auditor recomputes it (README "What changed"): the kept rows'
// canonical columns joined by tabs, one line each (newline-terminated) in grant_id order, then
// SHA-256 of the whole. Shared by tests/integration/changes.test.ts and tests/e2e/changes.spec.ts,
// which each make their own assertions on what this returns.
import { createHash } from 'node:crypto';
import Papa from 'papaparse';

const CANONICAL = [
  'grant_id',
  'token_id',
  'owner_id',
  'repository_selection',
  'token_expires_at',
  'fields_digest',
  'repositories_digest',
];

export interface ReviewCsv {
  header: string[];
  /** Every token row: neither the header nor the digest line. */
  rows: string[][];
  /** The digest line: its label, then the digest the file states. */
  trailer: string[];
  /** The value of a named column in a row. */
  cell: (row: string[], column: string) => string | undefined;
  stated: string;
  recomputed: string;
}

export function recomputeDigest(csv: string): ReviewCsv {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  const [header = [], ...rows] = parsed;
  const trailer = rows.pop() ?? [];
  const cell = (row: string[], column: string) => row[header.indexOf(column)];
  const lines = rows
    .filter((row) => cell(row, 'decision') === 'kept')
    .map((row) => CANONICAL.map((column) => cell(row, column) ?? '').join('\t'))
    .sort((a, b) => Number(a.split('\t')[0]) - Number(b.split('\t')[0]));
  const recomputed = createHash('sha256')
    .update(lines.map((line) => `${line}\n`).join(''), 'utf8')
    .digest('hex');
  return { header, rows, trailer, cell, stated: trailer[1] ?? '', recomputed };
}
