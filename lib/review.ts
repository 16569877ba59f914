// A review ("Mark reviewed", PRODUCT.md "What changed" and "Review history"): who, when, the
// digest of the list as reviewed, the counts, and what was revoked since the previous review.
// The list as reviewed then becomes the org's baseline.
import type { Changes } from './changes';
import type { LogEntry } from './protocol';
import { snapshotDigest } from './snapshot';

export interface ReviewCounts {
  /** Tokens listed when reviewed. */
  total: number;
  new: number;
  changed: number;
  gone: number;
  /** Revoked (through PATrol) since the previous review. */
  revoked: number;
}

export interface RevokedToken {
  grantId: number;
  tokenId: number | null;
  tokenName: string;
  ownerLogin: string;
  /** When the revocation was logged. */
  at: number;
  actor: string;
}

export interface ReviewRecord {
  id: string;
  org: string;
  at: number;
  reviewer: string;
  /** SHA-256 (hex) of the reviewed snapshot's canonical serialisation (lib/snapshot.ts). */
  digest: string;
  counts: ReviewCounts;
  revoked: RevokedToken[];
  /** The previous review's time, or the baseline's when this is the org's first review. */
  since: number;
  /** The reviewed snapshot is still stored, so the review can be exported. */
  exportable: boolean;
}

const sameOrg = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Tokens of `org` the log says were revoked after `since`, once each (the latest entry). */
export function revokedSince(log: readonly LogEntry[], org: string, since: number): RevokedToken[] {
  const byId = new Map<number, RevokedToken>();
  for (const e of log) {
    if (e.outcome !== 'revoked' || e.at <= since || !sameOrg(e.org, org)) continue;
    const { grantId, tokenId, tokenName, ownerLogin, at, actor } = e;
    byId.set(grantId, { grantId, tokenId, tokenName, ownerLogin, at, actor });
  }
  return [...byId.values()].sort((a, b) => a.grantId - b.grantId);
}

export async function buildReview(input: {
  org: string;
  at: number;
  reviewer: string;
  changes: Changes;
  log: readonly LogEntry[];
  /** The previous review of this org, if any. */
  previous: ReviewRecord | undefined;
}): Promise<ReviewRecord> {
  const { org, at, reviewer, changes, log, previous } = input;
  const since = previous?.at ?? changes.baseline.takenAt;
  const listed = new Set(changes.current.entries.map((e) => e.grantId));
  // A token revoked and then granted again (listed now) is kept, not revoked.
  const revoked = revokedSince(log, org, since).filter((t) => !listed.has(t.grantId));
  return {
    id: `${org.toLowerCase()}-${at}`,
    org,
    at,
    reviewer,
    digest: await snapshotDigest(changes.current.entries),
    counts: {
      total: changes.current.entries.length,
      new: changes.diff.new.length,
      changed: changes.diff.changed.length,
      gone: changes.diff.gone.length,
      revoked: revoked.length,
    },
    revoked,
    since,
    exportable: true,
  };
}
