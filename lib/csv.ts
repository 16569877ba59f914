// The audit CSV (PRODUCT.md "Audit CSV"): its columns and cells; lib/csv-write writes the
// file (RFC 4180, CRLF, BOM, formula-looking cells neutralised).
import { writeCsv } from './csv-write';
import { riskOf } from './risk';
import { isExpired, type Token } from './tokens';

export const AUDIT_CSV_COLUMNS = [
  'org',
  'grant_id',
  'token_id',
  'token_name',
  'owner_login',
  'owner_id',
  'repository_selection',
  'repositories',
  'permissions',
  'access_granted_at',
  'token_expires_at',
  'token_expired',
  'token_last_used_at',
  'days_since_last_used',
  'risk',
] as const;

/** Re-exported: every CSV shares lib/csv-write's BOM and formula rule. */
export { CSV_BOM } from './csv-write';

export interface AuditRow {
  token: Token;
  /** Full names of a `subset` token's repositories; null when not fetched or not a subset. */
  repositories: readonly string[] | null;
}

const DAY_MS = 86_400_000;

// Full ISO 8601 in UTC as Date#toISOString writes it (milliseconds included, always
// .000 for GitHub's second-precision times) so every cell has one fixed shape.
const time = (d: Date | null): string => (d === null ? '' : d.toISOString());

/** One token's cells, in AUDIT_CSV_COLUMNS order (the command line joins several orgs). */
export function auditCsvRow(r: AuditRow, org: string, now: number): string[] {
  const t = r.token;
  const used = t.lastUsedAt;
  // A last use a little in the future (clock skew) counts as today, not as -1 days.
  const days = used === null ? '' : String(Math.max(0, Math.floor((now - used.getTime()) / DAY_MS)));
  return [
    org,
    String(t.grantId),
    t.tokenId === null ? '' : String(t.tokenId),
    t.tokenName,
    t.ownerLogin,
    String(t.ownerId),
    t.repositorySelection,
    r.repositories === null ? '' : r.repositories.join('; '),
    t.permissions.map((p) => `${p.scope}/${p.name}:${p.level}`).join('; '),
    time(t.grantedAt),
    time(t.expiresAt),
    isExpired(t, now) ? 'true' : 'false',
    time(used),
    days,
    riskOf(t, now),
  ];
}

/** The audit CSV of `rows`: BOM, header row, one row a token, each ending in CRLF. */
export function auditCsv(rows: readonly AuditRow[], org: string, now: number): string {
  return writeCsv(
    AUDIT_CSV_COLUMNS,
    rows.map((r) => auditCsvRow(r, org, now)),
  );
}

/** `{org}-tokens-{YYYY-MM-DD}.csv` with today's UTC date; unsafe file-name characters become `_`. */
export function auditCsvFileName(org: string, now: number): string {
  const safe = org.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe}-tokens-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
