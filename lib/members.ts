// Token owners' membership in the org (PRODUCT.md "Token details", `member:`): the model the
// worker fills from GitHub (lib/github/members.ts) and the pages read. No secret: it is kept
// beside the grants cache in storage.local (lib/members-store.ts).

export type MemberRole = 'owner' | 'member';

/** What the owner does to let PATrol read membership: the words of GitHub's App settings. */
export const MEMBERS_PERMISSION_HELP =
  'Give the GitHub App the organization permission "Members: Read-only" (App settings → Permissions & events → Organization permissions → Members), then accept the new permissions on the installation (organization settings → GitHub Apps → Configure → Review request).';

/** What a page knows of an org's membership: the roles by lower-cased login, or why not. */
export type MembersView =
  | { org: string; available: true; loadedAt: number; roles: Record<string, MemberRole> }
  | { org: string; available: false; loadedAt: number; message: string };

/** The membership of a login as token details write it. */
export function membershipText(roles: ReadonlyMap<string, MemberRole>, login: string): string {
  const role = roles.get(login.toLowerCase());
  return role === 'owner' ? 'owner' : role === 'member' ? 'member' : 'not a member';
}

/** The roles of a view as the filter reads them, or null when membership is unknown. */
export function rolesOf(view: MembersView | null | undefined): ReadonlyMap<string, MemberRole> | null {
  return view?.available ? new Map(Object.entries(view.roles)) : null;
}
