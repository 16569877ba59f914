// Owners' decisions on pending PAT requests. Like a bulk revocation, GitHub answers a bulk
// review with 202 and applies it later: a decided request stays listed until its decision is
// due, then leaves the list, and an approved one becomes a grant (listed on Active tokens).
import type { GrantRecord } from './seed.ts';
import type { OrgState, RequestDecision } from './state.ts';

/** Apply every decision whose time has come (lazy: called on every access, like settle). */
export function settleDecisions(org: OrgState, now: number): void {
  let changed = false;
  for (const decision of org.decisions.values()) {
    if (decision.applied || decision.dueAt > now) continue;
    decision.applied = true;
    changed = true;
    if (decision.action === 'approve') decision.grantId = grantFrom(org, decision.request, decision.dueAt);
  }
  if (changed) org.requests = org.requests.filter((r) => !org.decisions.get(r.id)?.applied);
}

/** The grant an approved request turns into: a new grant id, granted when the approval applied. */
function grantFrom(org: OrgState, request: GrantRecord, at: number): number {
  let maxId = 0;
  for (const id of org.grantsById.keys()) maxId = Math.max(maxId, id);
  const grant: GrantRecord = {
    ...request,
    id: maxId + 1 + (request.id % 37),
    grantedAt: at,
    lastUsedAt: null,
    reason: undefined,
  };
  org.grantsById.set(grant.id, grant);
  // The list is newest first; an approval is the newest grant unless the clock went back.
  const index = org.grants.findIndex((g) => g.grantedAt <= at);
  if (index === -1) org.grants.push(grant);
  else org.grants.splice(index, 0, grant);
  return grant.id;
}

export type DecideResult = { ok: true } | { ok: false; unknown: number[] };

/**
 * Queue one decision per id, all or nothing. An id that is not pending in this org (never
 * was, or already decided and applied), or that is queued with the other action, refuses the
 * whole call; the same decision sent again while queued is accepted (a client that lost the
 * answer may repeat it). GitHub documents neither case: these are the fake's choices.
 */
export function decide(
  org: OrgState,
  ids: readonly number[],
  change: { action: 'approve' | 'deny'; reason: string | null; via: 'bulk' | 'single' },
  now: number,
  delayMs: number,
): DecideResult {
  const pending = new Map(org.requests.map((r) => [r.id, r]));
  const unknown = ids.filter((id) => {
    const queued = org.decisions.get(id);
    if (queued) return queued.applied || queued.action !== change.action;
    return !pending.has(id);
  });
  if (unknown.length) return { ok: false, unknown };
  for (const id of ids) {
    const request = pending.get(id);
    if (!request || org.decisions.has(id)) continue;
    const decision: RequestDecision = {
      request,
      action: change.action,
      reason: change.reason,
      decidedAt: now,
      dueAt: now + Math.max(0, delayMs),
      applied: false,
      via: change.via,
    };
    org.decisions.set(id, decision);
  }
  settleDecisions(org, now);
  return { ok: true };
}
