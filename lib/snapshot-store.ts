// Where snapshots are kept: the extension's IndexedDB (`patrol-snapshots`), packed
// (lib/snapshot-pack.ts). Per org at most two: the review baseline and the latest load's.
// The reviews, with the snapshot each one recorded, are in lib/review-store.ts.
import { clear, createStore, del, get, set } from 'idb-keyval';
import type { Snapshot } from './snapshot';
import { type PackedSnapshot, packSnapshot, unpackSnapshot } from './snapshot-pack';

const snapshotsStore = () => createStore('patrol-snapshots', 'snapshots');

export type SnapshotRole = 'baseline' | 'latest';

const keyOf = (role: SnapshotRole, org: string) => `${role}:${org.toLowerCase()}`;

/** A damaged record reads as absent (a baseline is then taken again from the next load). */
export async function readSnapshot(role: SnapshotRole, org: string): Promise<Snapshot | undefined> {
  const stored = await get<PackedSnapshot>(keyOf(role, org), snapshotsStore());
  if (!stored) return undefined;
  try {
    return unpackSnapshot(stored);
  } catch (error) {
    console.warn('[PATrol] skipped a damaged snapshot', role, org, error);
    return undefined;
  }
}

export async function writeSnapshot(role: SnapshotRole, snapshot: Snapshot): Promise<void> {
  await set(keyOf(role, snapshot.org), packSnapshot(snapshot), snapshotsStore());
}

export async function dropSnapshots(org: string): Promise<void> {
  await Promise.all([
    del(keyOf('baseline', org), snapshotsStore()),
    del(keyOf('latest', org), snapshotsStore()),
  ]);
}

/** Sign-out: snapshots go with the credential that loaded them. */
export async function wipeSnapshots(): Promise<void> {
  await clear(snapshotsStore());
}
