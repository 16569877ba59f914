// The org's membership for token details and `member:`: read from GitHub at most once per
// `MEMBERS_FRESH_MS` (or when asked to refresh), one read at a time per org, kept in
// storage.local (lib/members.ts) so pages and the watch count with it.
import type { GitHubClient } from '../github/client';
import { listMembers } from '../github/members';
import type { MembersView } from '../members';
import { readMembers, writeMembers } from '../members-store';

/** Membership changes slowly; the panel re-reads it with a Reload or after this long. */
export const MEMBERS_FRESH_MS = 15 * 60_000;

export interface MembersLoader {
  load(org: string, refresh: boolean): Promise<MembersView>;
}

export function createMembersLoader(deps: {
  client: (org: string) => Promise<GitHubClient>;
  now: () => number;
}): MembersLoader {
  const running = new Map<string, Promise<MembersView>>();
  async function fetchView(org: string): Promise<MembersView> {
    const result = await listMembers(await deps.client(org), org);
    const loadedAt = deps.now();
    const view: MembersView = result.available
      ? { org, available: true, loadedAt, roles: Object.fromEntries(result.roles) }
      : { org, available: false, loadedAt, message: result.message };
    await writeMembers(view);
    return view;
  }
  return {
    async load(org, refresh) {
      if (!refresh) {
        const kept = await readMembers(org);
        if (kept && deps.now() - kept.loadedAt < MEMBERS_FRESH_MS) return kept;
      }
      const key = org.toLowerCase();
      const current = running.get(key);
      if (current) return current;
      const read = fetchView(org).finally(() => running.delete(key));
      running.set(key, read);
      return read;
    },
  };
}
