// The requests CSV (PRODUCT.md "Pending requests"): one row a pending request, written by
// lib/csv-write like every PATrol CSV (BOM, CRLF, formula-looking cells neutralised: reasons
// are free text typed by any member).
import { writeCsv } from './csv-write';
import { riskOf } from './risk';
import type { TokenRequest } from './token-requests';
import { isExpired } from './tokens';

export const REQUESTS_CSV_COLUMNS = [
  'org',
  'request_id',
  'token_id',
  'token_name',
  'owner_login',
  'owner_id',
  'repository_selection',
  'repositories',
  'permissions',
  'reason',
  'requested_at',
  'token_expires_at',
  'token_expired',
  'token_last_used_at',
  'risk',
] as const;

export interface RequestRow {
  request: TokenRequest;
  /** Full names of a `subset` request's repositories; null when not fetched or not a subset. */
  repositories: readonly string[] | null;
}

const time = (d: Date | null): string => (d === null ? '' : d.toISOString());

function row({ request: r, repositories }: RequestRow, org: string, now: number): string[] {
  return [
    org,
    String(r.grantId),
    r.tokenId === null ? '' : String(r.tokenId),
    r.tokenName,
    r.ownerLogin,
    String(r.ownerId),
    r.repositorySelection,
    repositories === null ? '' : repositories.join('; '),
    r.permissions.map((p) => `${p.scope}/${p.name}:${p.level}`).join('; '),
    r.reason ?? '',
    time(r.requestedAt),
    time(r.expiresAt),
    isExpired(r, now) ? 'true' : 'false',
    time(r.lastUsedAt),
    riskOf(r, now),
  ];
}

export function requestsCsv(rows: readonly RequestRow[], org: string, now: number): string {
  return writeCsv(
    REQUESTS_CSV_COLUMNS,
    rows.map((r) => row(r, org, now)),
  );
}

/** `{org}-token-requests-{YYYY-MM-DD}.csv` with today's UTC date. */
export function requestsCsvFileName(org: string, now: number): string {
  const safe = org.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe}-token-requests-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
