// What the token details show, as data: permissions grouped the way GitHub's own token page
// groups them, and the address of that page.
import { levelRank, type Permission, type PermissionScope } from './tokens';

export interface PermissionGroup {
  label: 'Organization' | 'Repository' | 'Account';
  permissions: Permission[];
}

// GitHub's API calls account permissions "other"; its pages say "Account".
const GROUPS: readonly [PermissionScope, PermissionGroup['label']][] = [
  ['organization', 'Organization'],
  ['repository', 'Repository'],
  ['other', 'Account'],
];

/** Non-empty groups in GitHub's order; in each, the strongest level first, then by name. */
export function groupPermissions(permissions: readonly Permission[]): PermissionGroup[] {
  return GROUPS.map(([scope, label]) => ({
    label,
    permissions: permissions
      .filter((p) => p.scope === scope)
      .sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.name.localeCompare(b.name)),
  })).filter((group) => group.permissions.length > 0);
}

/** GitHub's page for one token's access to the org (where an owner can also revoke it). */
export function tokenPageUrl(webHost: string, org: string, grantId: number): string {
  return `https://${webHost}/organizations/${encodeURIComponent(org)}/settings/personal-access-tokens/${grantId}`;
}
