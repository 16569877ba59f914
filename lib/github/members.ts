// The org's members and owners (GET /orgs/{org}/members, App permission "Members: read"), so
// each token can say whether its owner still belongs to the org. Two listings: `role=admin`
// (owners, few) and `role=all`; every page of 100 by GitHub's Link header. Without the
// permission GitHub answers 403 "Resource not accessible by integration": that is a state
// (membership unknown, with what to do), not an error of the load.
import { MEMBERS_PERMISSION_HELP, type MemberRole } from '../members';
import type { GitHubClient } from './client';

export const MEMBERS_PAGE_SIZE = 100;

export type MembersResult =
  | { available: true; roles: Map<string, MemberRole> }
  | { available: false; message: string };

async function logins(client: GitHubClient, org: string, role: 'all' | 'admin'): Promise<string[]> {
  const rows = await client.paginate('GET /orgs/{org}/members', { org, role, per_page: MEMBERS_PAGE_SIZE });
  const out: string[] = [];
  for (const row of rows as unknown[]) {
    const login = (row as { login?: unknown } | null)?.login;
    if (typeof login === 'string') out.push(login);
  }
  return out;
}

const isMissingPermission = (error: unknown): boolean => {
  const e = error as { status?: number; message?: string; response?: { data?: { message?: string } } };
  const text = `${e.response?.data?.message ?? ''} ${e.message ?? ''}`;
  return e.status === 403 && /not accessible by integration/i.test(text);
};

/** Lower-cased login → "owner" or "member"; `available: false` when the App may not read members. */
export async function listMembers(client: GitHubClient, org: string): Promise<MembersResult> {
  let owners: string[];
  let everyone: string[];
  try {
    [owners, everyone] = await Promise.all([logins(client, org, 'admin'), logins(client, org, 'all')]);
  } catch (error) {
    if (!isMissingPermission(error)) throw error;
    return {
      available: false,
      message: `PATrol cannot read the members of ${org}: the GitHub App lacks "Members: read". ${MEMBERS_PERMISSION_HELP}`,
    };
  }
  const roles = new Map<string, MemberRole>();
  for (const login of everyone) roles.set(login.toLowerCase(), 'member');
  for (const login of owners) roles.set(login.toLowerCase(), 'owner');
  return { available: true, roles };
}
