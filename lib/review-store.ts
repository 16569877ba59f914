// The review history (IndexedDB `patrol-reviews`): every review's record, and the snapshot it
// recorded for the last REVIEW_SNAPSHOTS_KEPT reviews of each org (so they can be exported;
// the storage stays bounded however many reviews an owner makes). Like the revocation log,
// the history's records are the owner's and stay on sign-out; the snapshots they recorded are
// inventory of that credential and go with it (PRODUCT.md "Credentials": sign-out removes
// every snapshot), so those reviews are no longer exportable.
import { createStore, del, get, keys, set } from 'idb-keyval';
import type { ReviewRecord } from './review';
import type { Snapshot } from './snapshot';
import { type PackedSnapshot, packSnapshot, unpackSnapshot } from './snapshot-pack';

export const REVIEW_SNAPSHOTS_KEPT = 4;

const reviewsStore = () => createStore('patrol-reviews', 'reviews');
const RECORDS = 'records';
const snapshotKey = (id: string) => `snapshot:${id}`;

let writes: Promise<unknown> = Promise.resolve();

/** Newest first. */
export async function readReviews(): Promise<ReviewRecord[]> {
  const records = (await get<ReviewRecord[]>(RECORDS, reviewsStore())) ?? [];
  return [...records].sort((a, b) => b.at - a.at);
}

export async function latestReview(org: string): Promise<ReviewRecord | undefined> {
  return (await readReviews()).find((r) => r.org.toLowerCase() === org.toLowerCase());
}

/** Adds a review with its snapshot; older snapshots of the org beyond the budget are dropped. */
export function addReview(record: ReviewRecord, snapshot: Snapshot): Promise<void> {
  const write = writes.then(async () => {
    await set(snapshotKey(record.id), packSnapshot(snapshot), reviewsStore());
    const records = [record, ...(await readReviews()).filter((r) => r.id !== record.id)];
    let kept = 0;
    for (const r of records) {
      if (r.org.toLowerCase() !== record.org.toLowerCase() || !r.exportable) continue;
      if (++kept > REVIEW_SNAPSHOTS_KEPT) {
        r.exportable = false;
        await del(snapshotKey(r.id), reviewsStore());
      }
    }
    await set(RECORDS, records, reviewsStore());
  });
  writes = write.catch(() => {});
  return write;
}

export async function readReviewSnapshot(id: string): Promise<Snapshot | undefined> {
  const stored = await get<PackedSnapshot>(snapshotKey(id), reviewsStore());
  if (!stored) return undefined;
  try {
    return unpackSnapshot(stored);
  } catch {
    return undefined;
  }
}

/** Sign-out: every review's snapshot goes; the records stay, marked no longer exportable. */
export function forgetReviewSnapshots(): Promise<void> {
  const write = writes.then(async () => {
    const stored = await keys(reviewsStore());
    await Promise.all(
      stored.filter((key) => String(key).startsWith('snapshot:')).map((key) => del(key, reviewsStore())),
    );
    const records = (await get<ReviewRecord[]>(RECORDS, reviewsStore())) ?? [];
    if (records.length > 0) {
      await set(
        RECORDS,
        records.map((r) => ({ ...r, exportable: false })),
        reviewsStore(),
      );
    }
  });
  writes = write.catch(() => {});
  return write;
}
