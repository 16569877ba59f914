// The audit's outputs besides the summary: the CSV is lib/csv.ts's (byte for byte the
// panel's), JSON lines carry the same fields with native types, one token a line.
import { AUDIT_CSV_COLUMNS, type AuditRow, auditCsv, auditCsvFileName, auditCsvRow } from '../csv';
import { writeCsv } from '../csv-write';
import type { Format } from './args';

export interface OrgAudit {
  org: string;
  rows: AuditRow[];
}

type Column = (typeof AUDIT_CSV_COLUMNS)[number];
const NUMBERS: ReadonlySet<Column> = new Set(['grant_id', 'token_id', 'owner_id', 'days_since_last_used']);

/** One JSON object: the CSV's cells, an empty cell as null, numbers and booleans as such. */
export function auditJson(row: AuditRow, org: string, now: number): Record<string, unknown> {
  const cells = auditCsvRow(row, org, now);
  const out: Record<string, unknown> = {};
  AUDIT_CSV_COLUMNS.forEach((column, i) => {
    const cell = cells[i] ?? '';
    if (column === 'repositories') out[column] = row.repositories === null ? null : [...row.repositories];
    else if (column === 'permissions') {
      out[column] = row.token.permissions.map((p) => `${p.scope}/${p.name}:${p.level}`);
    } else if (column === 'token_expired') out[column] = cell === 'true';
    else if (NUMBERS.has(column)) out[column] = cell === '' ? null : Number(cell);
    else if (column.endsWith('_at')) out[column] = cell === '' ? null : cell;
    else out[column] = cell;
  });
  return out;
}

export function auditJsonLines(audits: readonly OrgAudit[], now: number): string {
  let text = '';
  for (const { org, rows } of audits) {
    for (const row of rows) text += `${JSON.stringify(auditJson(row, org, now))}\n`;
  }
  return text;
}

/** One CSV for every org (one BOM, one header): for one org exactly the panel's export. */
export function auditCsvOf(audits: readonly OrgAudit[], now: number): string {
  if (audits.length === 1) {
    const [only] = audits as [OrgAudit];
    return auditCsv(only.rows, only.org, now);
  }
  return writeCsv(
    AUDIT_CSV_COLUMNS,
    audits.flatMap(({ org, rows }) => rows.map((row) => auditCsvRow(row, org, now))),
  );
}

const EXTENSION: Record<Format, string> = { csv: '.csv', json: '.jsonl', md: '.md' };

/** `{org}-tokens-{YYYY-MM-DD}.csv`, and the same stem for the other formats. */
export function fileNameOf(org: string, format: Format, now: number): string {
  return auditCsvFileName(org, now).replace(/\.csv$/, EXTENSION[format]);
}
