// What changed since the review baseline (PRODUCT.md "What changed"): new (listed now, not
// in the baseline), changed (in both, with other permissions, repository selection, expiry or
// repository list) and gone (in the baseline, not listed now). Keyed by grant id, so the order
// GitHub lists grants in, or a grant read twice across a page boundary, changes nothing.
import type { Snapshot, SnapshotEntry } from './snapshot';

export interface SnapshotDiff {
  /** Grant ids, ascending. */
  new: number[];
  changed: number[];
  /** The baseline's entries of grants no longer listed, ascending grant id. */
  gone: SnapshotEntry[];
}

const indexById = (entries: readonly SnapshotEntry[]): Map<number, SnapshotEntry> =>
  new Map(entries.map((e) => [e.grantId, e]));

/**
 * A repository list counts only when both sides know it: a list fetched since the baseline
 * (or not fetched yet) is not a change in itself.
 */
export function entryChanged(now: SnapshotEntry, then: SnapshotEntry): boolean {
  if (now.fields !== then.fields) return true;
  return now.repositories !== null && then.repositories !== null && now.repositories !== then.repositories;
}

export function diffAgainstBaseline(
  current: Pick<Snapshot, 'entries'>,
  baseline: Pick<Snapshot, 'entries'>,
): SnapshotDiff {
  const before = indexById(baseline.entries);
  const after = indexById(current.entries);
  const added: number[] = [];
  const changed: number[] = [];
  for (const [grantId, entry] of after) {
    const then = before.get(grantId);
    if (!then) added.push(grantId);
    else if (entryChanged(entry, then)) changed.push(grantId);
  }
  const gone = [...before.values()].filter((e) => !after.has(e.grantId));
  const asc = (a: number, b: number) => a - b;
  return {
    new: added.sort(asc),
    changed: changed.sort(asc),
    gone: gone.sort((a, b) => a.grantId - b.grantId),
  };
}

/** True when the diff has anything to show (the summary's "What changed" buttons appear). */
export const hasChanges = (diff: SnapshotDiff): boolean =>
  diff.new.length > 0 || diff.changed.length > 0 || diff.gone.length > 0;
