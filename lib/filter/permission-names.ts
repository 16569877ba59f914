// The permission names GitHub documents for fine-grained tokens and Apps (the OpenAPI
// description's `app-permissions` schema, checked by tests/lib/filter-hints.test.ts), so
// that `perm:contnts` can be flagged with a suggestion instead of matching nothing silently.
// The hint depends on this list only (not on the tokens), so it reveals nothing about them.
import { distance } from './chunk';
import type { ParsedQuery } from './types';

export const PERMISSION_NAMES: readonly string[] = [
  'actions',
  'administration',
  'artifact_metadata',
  'attestations',
  'checks',
  'code_quality',
  'codespaces',
  'contents',
  'custom_properties_for_organizations',
  'dependabot_secrets',
  'deployments',
  'discussions',
  'email_addresses',
  'enterprise_custom_properties_for_organizations',
  'environments',
  'followers',
  'git_ssh_keys',
  'gpg_keys',
  'interaction_limits',
  'issues',
  'members',
  'merge_queues',
  'metadata',
  'organization_administration',
  'organization_announcement_banners',
  'organization_copilot_agent_settings',
  'organization_copilot_seat_management',
  'organization_custom_org_roles',
  'organization_custom_properties',
  'organization_custom_roles',
  'organization_events',
  'organization_hooks',
  'organization_packages',
  'organization_personal_access_token_requests',
  'organization_personal_access_tokens',
  'organization_plan',
  'organization_projects',
  'organization_secrets',
  'organization_self_hosted_runners',
  'organization_user_blocking',
  'packages',
  'pages',
  'profile',
  'pull_requests',
  'repository_custom_properties',
  'repository_hooks',
  'repository_projects',
  'secret_scanning_alerts',
  'secrets',
  'security_events',
  'single_file',
  'starring',
  'statuses',
  'vulnerability_alerts',
  'workflows',
];

const KNOWN = new Set(PERMISSION_NAMES);

/** The known name closest to `name`, when it is close enough to be a typo. */
export function suggestPermission(name: string, seen: Iterable<string> = []): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.ceil(name.length / 3)) + 1;
  for (const known of new Set([...KNOWN, ...seen])) {
    const d = distance(name, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/** Warnings (not errors: the query still runs) for `perm:` names GitHub does not document. */
export function permissionHints(parsed: ParsedQuery): string[] {
  const hints: string[] = [];
  for (const term of parsed.terms) {
    if (term.type !== 'perm' || KNOWN.has(term.name)) continue;
    const suggestion = suggestPermission(term.name);
    hints.push(
      suggestion
        ? `GitHub documents no permission called "${term.name}". Did you mean "${suggestion}"?`
        : `GitHub documents no permission called "${term.name}". The Permission menu lists the names these tokens have.`,
    );
  }
  return hints;
}
