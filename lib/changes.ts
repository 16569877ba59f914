// "What changed since the last review" for one org: the baseline (taken from the first load,
// or from the cache of an org loaded before snapshots existed) against a list. The worker's
// loader, the panel's messages and the daily watch all ask through here.
import * as cache from './cache';
import { diffAgainstBaseline, type SnapshotDiff } from './diff';
import type { LoadedGrants } from './protocol';
import { type Snapshot, takeSnapshot } from './snapshot';
import { readSnapshot, writeSnapshot } from './snapshot-store';

export type { SnapshotDiff } from './diff';
export { diffAgainstBaseline } from './diff';

// A load's snapshot is taken after the load has answered (about a second at 50,000 grants is
// not the owner's wait); whatever reads the baseline waits for the org's pending one first.
const recording = new Map<string, Promise<unknown>>();
const settled = async (org: string) => {
  await recording.get(org.toLowerCase())?.catch(() => undefined);
};

/** The snapshot of a loaded list, with the repository lists fetched so far. */
export async function snapshotOf(loaded: LoadedGrants): Promise<Snapshot> {
  return takeSnapshot(loaded, await cache.readRepositories(loaded.org));
}

/**
 * The org's review baseline. An org cached before snapshots existed gets its baseline from
 * that cache now (so its first review compares against what the owner last saw); an org never
 * loaded has none.
 */
export async function readBaseline(org: string): Promise<Snapshot | undefined> {
  await settled(org);
  const stored = await readSnapshot('baseline', org);
  if (stored) return stored;
  const cached = await cache.readGrants(org);
  if (!cached) return undefined;
  const baseline = await snapshotOf(cached);
  await writeSnapshot('baseline', baseline);
  return baseline;
}

/**
 * Records a load: its snapshot becomes the latest, and the baseline when the org has none.
 * Returns both.
 */
export function recordLoad(loaded: LoadedGrants): Promise<{ current: Snapshot; baseline: Snapshot }> {
  const key = loaded.org.toLowerCase();
  const run = (recording.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => record(loaded));
  recording.set(key, run);
  void run
    .catch(() => undefined)
    .then(() => {
      if (recording.get(key) === run) recording.delete(key);
    });
  return run;
}

async function record(loaded: LoadedGrants): Promise<{ current: Snapshot; baseline: Snapshot }> {
  const current = await snapshotOf(loaded);
  await writeSnapshot('latest', current);
  let baseline = await readSnapshot('baseline', loaded.org);
  if (!baseline) {
    baseline = current;
    await writeSnapshot('baseline', current);
  }
  return { current, baseline };
}

export interface Changes {
  baseline: Snapshot;
  current: Snapshot;
  diff: SnapshotDiff;
}

/** The list (the cached one when not given) against the baseline; null when the org has neither. */
export async function changesSinceReview(org: string, loaded?: LoadedGrants): Promise<Changes | null> {
  const list = loaded ?? (await cache.readGrants(org));
  if (!list) return null;
  const baseline = await readBaseline(org);
  if (!baseline) return null;
  const current = await snapshotOf(list);
  return { baseline, current, diff: diffAgainstBaseline(current, baseline) };
}

/** Grant ids listed in `loaded` that the org's baseline does not have (the watch's badge). */
export async function newSinceReview(org: string, loaded?: LoadedGrants): Promise<number[]> {
  return (await changesSinceReview(org, loaded))?.diff.new ?? [];
}
