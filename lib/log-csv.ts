// The revocation log as CSV, written like every other PATrol CSV (lib/csv-write).
import { writeCsv } from './csv-write';
import type { LogEntry } from './protocol';

const COLUMNS = [
  'time',
  'org',
  'grant_id',
  'token_id',
  'token_name',
  'owner_login',
  'outcome',
  'reason',
  'actor',
];

export function logCsv(entries: readonly LogEntry[]): string {
  const rows = entries.map((entry) => [
    new Date(entry.at).toISOString(),
    entry.org,
    String(entry.grantId),
    entry.tokenId === null ? '' : String(entry.tokenId),
    entry.tokenName,
    entry.ownerLogin,
    entry.outcome,
    entry.reason ?? '',
    entry.actor,
  ]);
  return writeCsv(COLUMNS, rows);
}

export function logCsvFileName(now: number): string {
  return `patrol-revocation-log-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
