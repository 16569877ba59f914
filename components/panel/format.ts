// How token fields read in the table and the dialog. Dates are whole UTC days, like the
// filter language, so what the table says and what `expires:<2026-01-01` means agree.
import type { RiskLevel } from '../../lib/risk';
import { isExpired, type Token } from '../../lib/tokens';

export const day = (d: Date): string => d.toISOString().slice(0, 10);

/** A token's display name; older GHES versions send none. */
export const tokenLabel = (t: Token): string => t.tokenName || `token ${t.tokenId ?? t.grantId}`;

export const ACCESS_LABEL: Record<Token['repositorySelection'], string> = {
  all: 'All repositories',
  subset: 'Selected',
  none: 'None',
};

export function expiresText(t: Token, now: number): string {
  if (t.expiresAt === null) return t.expired ? 'Expired' : 'Never';
  return isExpired(t, now) ? `Expired ${day(t.expiresAt)}` : day(t.expiresAt);
}

export const lastUsedText = (t: Token): string => (t.lastUsedAt === null ? 'Never' : day(t.lastUsedAt));
export const grantedText = (t: Token): string => (t.grantedAt === null ? '—' : day(t.grantedAt));

/** `contents:write, metadata:read`: writes first, since those are what an audit looks for. */
export function permissionsText(t: Token): string {
  const rank = (level: string): number => (level === 'admin' ? 0 : level === 'write' ? 1 : 2);
  return [...t.permissions]
    .sort((a, b) => rank(a.level) - rank(b.level) || a.name.localeCompare(b.name))
    .map((p) => `${p.name}:${p.level}`)
    .join(', ');
}

export const RISK_LABEL: Record<RiskLevel, string> = {
  high: 'High risk',
  medium: 'Medium risk',
  low: 'Low risk',
};

/** "1 token" / "3 tokens": the grammar PRODUCT.md's names use. */
/**
 * `{n} tokens`, always plural: PRODUCT.md fixes the dialog's and the summary's names as
 * `Revoke {n} tokens` and `Revoked {k} of {n} tokens`, and tests and screen-reader users
 * find them by those exact words, for one token too.
 */
export const tokensText = (n: number): string => `${n} tokens`;
