// Risk levels for SSO credentials (classic tokens, SSH keys, OAuth and App tokens), beside the
// fine-grained rules of lib/risk.ts and documented with them in the README. Classic scopes are
// coarse: `repo` alone reaches every private repository its owner can, so it counts as high.
import type { RiskLevel } from '../risk';
import type { SsoCredential } from './credential';

const DAY_MS = 86_400_000;
export const STALE_DAYS = 90;

/** Scopes that administer the org, delete repositories, change CI, or write to every repository. */
export const HIGH_SCOPES: readonly string[] = [
  'admin:enterprise',
  'admin:org',
  'admin:org_hook',
  'admin:repo_hook',
  'delete_repo',
  'workflow',
  'repo',
];
const HIGH = new Set(HIGH_SCOPES);

/** A scope that can change something (GitHub's `read:` scopes and `repo:status`-like reads do not). */
function writes(scope: string): boolean {
  if (scope.startsWith('read:')) return false;
  return !['repo:status', 'repo_deployment', 'repo:invite', 'security_events'].includes(scope);
}

/** Not used for 90 days: never used counts when the authorization itself is that old. */
export function isStale(c: SsoCredential, now: number): boolean {
  const since = c.accessedAt ?? c.authorizedAt;
  return since !== null && since < now - STALE_DAYS * DAY_MS;
}

function reasons(c: SsoCredential, now: number): { high: string[]; medium: string[] } {
  const high: string[] = [];
  const medium: string[] = [];
  for (const raw of c.scopes) {
    const scope = raw.toLowerCase();
    if (HIGH.has(scope)) high.push(`Scope ${scope}`);
    else if (writes(scope)) medium.push(`Scope ${scope}, which can write`);
  }
  if (c.kind === 'ssh') medium.push('SSH key: Git access wherever its owner has it');
  if (c.expiresAt === null) medium.push('Never expires');
  if (isStale(c, now)) {
    medium.push(c.accessedAt === null ? 'Never used' : `Not used in ${STALE_DAYS} days`);
  }
  return { high, medium };
}

export function ssoRiskOf(c: SsoCredential, now: number): RiskLevel {
  const { high, medium } = reasons(c, now);
  if (high.length > 0) return 'high';
  return medium.length > 0 ? 'medium' : 'low';
}

/** Why the credential has its level: decisive facts first, one sentence each. */
export function ssoRiskReasons(c: SsoCredential, now: number): string[] {
  const { high, medium } = reasons(c, now);
  if (high.length > 0 || medium.length > 0) return [...high, ...medium];
  return ['Read-only scopes, expires, used recently'];
}
