// Each token's dates, risk, repository selection and grant id as typed columns by position in
// a list (lib/filter/list-index.ts builds them once per list), so lib/filter/position-tests.ts
// tests a term by reading small arrays instead of 50,000 token objects.
import type { RiskLevel } from '../risk';
import type { RepositorySelection, Token } from '../tokens';

export const RISK_CODE: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };
const SELECTION_CODE: Record<RepositorySelection, number> = { none: 0, subset: 1, all: 2 };
export const selectionCode = (value: RepositorySelection): number => SELECTION_CODE[value];

/** Each token's field at its position; a date column holds NaN where the token has none. */
export interface Columns {
  expiresAt: Float64Array;
  lastUsedAt: Float64Array;
  grantedAt: Float64Array;
  /** GitHub's own `token_expired` flag (lib/tokens.ts isExpired also compares the date). */
  expired: Uint8Array;
  risk: Uint8Array;
  selection: Uint8Array;
  grantId: Float64Array;
}

export function emptyColumns(n: number): Columns {
  return {
    expiresAt: new Float64Array(n),
    lastUsedAt: new Float64Array(n),
    grantedAt: new Float64Array(n),
    expired: new Uint8Array(n),
    risk: new Uint8Array(n),
    selection: new Uint8Array(n),
    grantId: new Float64Array(n),
  };
}

const time = (d: Date | null): number => (d === null ? Number.NaN : d.getTime());

export function setColumns(columns: Columns, i: number, token: Token, risk: RiskLevel): void {
  columns.expiresAt[i] = time(token.expiresAt);
  columns.lastUsedAt[i] = time(token.lastUsedAt);
  columns.grantedAt[i] = time(token.grantedAt);
  columns.expired[i] = token.expired ? 1 : 0;
  columns.risk[i] = RISK_CODE[risk];
  columns.selection[i] = SELECTION_CODE[token.repositorySelection];
  columns.grantId[i] = token.grantId;
}
