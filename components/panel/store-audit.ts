// What the panel counts beyond GitHub's list: the owner's policies (summary buttons) and the
// org's membership (token details, `member:`). Both are read after the list loads; a missing
// "Members: read" leaves membership unknown, and `member:` then says how to grant it.
import { withMembership } from '../../lib/filter/member';
import { parseQuery } from '../../lib/filter/parse';
import { type MembersView, rolesOf } from '../../lib/members';
import type { Kit } from './state';

const NOT_YET = "PATrol has not read the organization's members yet: wait for the list to load.";

/** The query's parse, with `member:` an error while membership is unknown. */
export function parseWithMembership(text: string, members: MembersView | null) {
  const why = members && !members.available ? members.message : NOT_YET;
  return withMembership(parseQuery(text), rolesOf(members), why);
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
      update({
        ...(policies ? { policies } : {}),
        members: view,
        memberRoles: rolesOf(view),
        parsed: parseWithMembership(get().query, view),
      });
    },
  };
}
