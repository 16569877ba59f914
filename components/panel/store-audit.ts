// What the panel counts beyond GitHub's list: the owner's policies (summary buttons) and the
// org's membership (token details, `member:`). Both are read after the list loads; a missing
// "Members: read" leaves membership unknown, and `member:` then says how to grant it.
import { withMembership } from '../../lib/filter/member';
import { parseQuery } from '../../lib/filter/parse';
import { type MemberRole, type MembersView, rolesOf } from '../../lib/members';
import type { Kit } from './state';

const NOT_YET = "PATrol has not read the organization's members yet: wait for the list to load.";

/**
 * The query's parse, with `member:` an error while membership is unknown. Takes the roles
 * the store built once per load: rebuilding them from the view on every keystroke was most
 * of a keystroke's time at 50,000 tokens (`npm run bench --profile`).
 */
export function parseWithMembership(
  text: string,
  members: MembersView | null,
  roles: ReadonlyMap<string, MemberRole> | null,
) {
  const why = members && !members.available ? members.message : NOT_YET;
  return withMembership(parseQuery(text), roles, why);
}

export function auditActions(kit: Kit) {
  const { get, update, deps, org } = kit;
  return {
    /** Reads the policies and the membership; neither failing stops the panel. */
    async loadAudit(refresh: boolean): Promise<void> {
      const [policies, members] = await Promise.all([
        deps.policies?.().catch(() => null),
        deps.send('members.load', { org, refresh }),
      ]);
      const view = members.ok
        ? members.data
        : { org, available: false as const, loadedAt: 0, message: members.error.message };
      const memberRoles = rolesOf(view);
      update({
        ...(policies ? { policies } : {}),
        members: view,
        memberRoles,
        parsed: parseWithMembership(get().query, view, memberRoles),
      });
    },
  };
}
