// One org's part of a watch check: each policy's count, the tokens new since review, and the
// tokens that match any policy or are new (counted once), over a freshly loaded list.
import * as cache from '../cache';
import { changesSinceReview } from '../changes';
import { matchingAnyPolicy, type Policy, policyCounts } from '../policies';
import type { LoadedGrants } from '../protocol';
import { fromWire } from '../tokens';
import type { OrgCheck } from '../watch-state';
import type { MembersLoader } from './members-loader';

const usesMembership = (policies: readonly Policy[]) =>
  policies.some((p) => /(^|\s)-?member:/i.test(p.query));

export async function countOrg(
  org: string,
  loaded: LoadedGrants,
  policies: readonly Policy[],
  deps: { members: MembersLoader; now: () => number },
): Promise<OrgCheck> {
  let members: ReadonlyMap<string, 'owner' | 'member'> | null = null;
  if (usesMembership(policies)) {
    const view = await deps.members.load(org, true);
    // A member: policy would count 0 without membership: say why instead of a wrong count.
    if (!view.available) {
      return {
        org,
        ok: false,
        checkedAt: deps.now(),
        error: { code: 'missing_permission', message: view.message },
      };
    }
    members = new Map(Object.entries(view.roles));
  }
  const repositories = new Map(
    Object.entries(await cache.readRepositories(org)).map(([id, list]) => [Number(id), list] as const),
  );
  // The review baseline's diff, for the badge's "new since review" and for policies that
  // use is:new / is:changed (the filter reads `changes` where it knows those qualifiers).
  const diff = (await changesSinceReview(org, loaded))?.diff;
  const fresh = diff?.new ?? [];
  const changes = {
    new: new Set(fresh),
    changed: new Set(diff?.changed ?? []),
    gone: new Set(diff?.gone.map((entry) => entry.grantId) ?? []),
  };
  const ctx = { now: deps.now(), org, selected: new Set<number>(), repositories, members, changes };
  const tokens = loaded.tokens.map(fromWire);
  const watched = matchingAnyPolicy(tokens, policies, ctx);
  for (const id of fresh) watched.add(id);
  return {
    org,
    ok: true,
    checkedAt: deps.now(),
    watched: watched.size,
    newSinceReview: fresh.length,
    policies: policyCounts(tokens, policies, ctx).map(({ policy, count }) => ({ ...policy, count })),
  };
}
