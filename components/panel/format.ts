// How token fields read in the table and the dialog. Dates are whole UTC days, like the
// filter language, so what the table says and what `expires:<2026-01-01` means agree.

import { countOf } from '../../lib/plural';
import { relativeTime } from '../../lib/relative-time';
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

/** "1 token" / "3 tokens" (PRODUCT.md: `Revoke 1 token` for one). */
export const tokensText = (n: number): string => countOf(n, 'token');

/** Access in words: "Selected: 3 repositories" once the list is known. */
export function accessText(t: Token, repositories?: readonly string[]): string {
  if (t.repositorySelection !== 'subset') return ACCESS_LABEL[t.repositorySelection];
  return repositories
    ? `Selected: ${countOf(repositories.length, 'repository', 'repositories')}`
    : 'Selected repositories';
}

/** "Last used 3 days ago" / "Never used". */
export const lastUsedPhrase = (t: Token, now: number): string =>
  t.lastUsedAt === null ? 'Never used' : `Last used ${relativeTime(t.lastUsedAt, now)}`;
