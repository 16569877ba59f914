// Risk levels for a token, as documented in the README. Pure and deterministic so the
// filter (`risk:`), the table and the audit CSV always agree.
import { levelRank, type Permission, type Token } from './tokens';

export type RiskLevel = 'high' | 'medium' | 'low';
export const RISK_LEVELS: readonly RiskLevel[] = ['high', 'medium', 'low'];

/**
 * Permissions whose write (or admin) access can change who has access, read or plant
 * secrets, run code in CI or reach deployments. GitHub's own names; scope-independent
 * because GitHub does not reuse a name across scopes.
 */
export const SENSITIVE_PERMISSIONS: readonly string[] = [
  // organization
  'organization_administration',
  'members',
  'organization_secrets',
  'organization_self_hosted_runners',
  'organization_personal_access_tokens',
  'organization_personal_access_token_requests',
  'organization_hooks',
  'organization_custom_roles',
  'organization_custom_org_roles',
  'organization_user_blocking',
  // repository
  'administration',
  'secrets',
  'dependabot_secrets',
  'workflows',
  'actions',
  'environments',
  'repository_hooks',
  'deployments',
];

const SENSITIVE = new Set(SENSITIVE_PERMISSIONS);
const WRITE = levelRank('write');

const label = (p: Permission): string => `${p.level.toLowerCase()} on ${p.scope}/${p.name}`;

function isSensitiveWrite(p: Permission): boolean {
  return levelRank(p.level) >= WRITE && SENSITIVE.has(p.name.toLowerCase());
}

// "Write on all repositories" only concerns repository permissions: an organization
// permission does not reach repositories, whatever the repository selection.
function isAllReposWrite(token: Token, p: Permission): boolean {
  return token.repositorySelection === 'all' && p.scope === 'repository' && levelRank(p.level) >= WRITE;
}

/**
 * The token's risk level. `now` is part of the contract but unused by today's rules
 * (an expired token keeps the level of what it would grant if regenerated); the filter
 * caches the level per token on that basis.
 */
export function riskOf(token: Token, _now: number): RiskLevel {
  let write = false;
  for (const p of token.permissions) {
    if (isSensitiveWrite(p) || isAllReposWrite(token, p)) return 'high';
    if (levelRank(p.level) >= WRITE) write = true;
  }
  return write || token.expiresAt === null ? 'medium' : 'low';
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** Why the token has its level: the decisive facts first, one sentence each. */
export function riskReasons(token: Token, now: number): string[] {
  const high: string[] = [];
  const medium: string[] = [];
  for (const p of token.permissions) {
    if (isSensitiveWrite(p)) high.push(`${label(p)}, a sensitive permission`);
    else if (isAllReposWrite(token, p)) high.push(`${label(p)} in all repositories`);
    else if (levelRank(p.level) >= WRITE) medium.push(label(p));
  }
  const expires = token.expiresAt;
  if (expires === null) medium.push('Never expires');
  if (high.length > 0 || medium.length > 0 || expires === null) return [...high, ...medium];
  const when = expires.getTime() <= now ? 'expired' : 'expires';
  return [`Read-only, ${when} ${day(expires)}`];
}
