// Per-org caches in the extension's own IndexedDB (not storage.local: 50,000 grants
// exceed its quota, and content scripts, which run in the page's origin, cannot open it).
// The worker writes them; extension pages (the popup) may read them directly, so that opening
// the popup ships no list through a message.
import { clear, createStore, del, entries, get, keys, set } from 'idb-keyval';
import { packGrants, type StoredGrants, storedCount, unpackGrants } from './cache-pack';
import { type GrantRows, rowsOf } from './cache-rows';
import type { LoadedGrants, LogEntry, OrgSummary } from './protocol';
import { dropRequests, pendingCounts, wipeRequests } from './requests-cache';
import { forgetReviewSnapshots } from './review-store';
import { dropSnapshots, wipeSnapshots } from './snapshot-store';

const grantsStore = () => createStore('patrol-grants', 'grants');
const reposStore = () => createStore('patrol-repositories', 'repositories');
const logStore = () => createStore('patrol-log', 'log');
/** Per org its load time and count, so listing orgs never reads their whole lists. */
const orgsStore = () => createStore('patrol-orgs', 'orgs');

const orgKey = (org: string) => org.toLowerCase();

type Stored = StoredGrants;

/** A stored list, unpacked; a damaged one reads as absent, so the org is loaded again. */
function unpacked(stored: Stored | undefined): LoadedGrants | undefined {
  if (!stored) return undefined;
  try {
    return unpackGrants(stored);
  } catch (error) {
    console.warn('[PATrol] skipped a damaged cached list', stored.org, error);
    return undefined;
  }
}

export async function readGrants(org: string): Promise<LoadedGrants | undefined> {
  return unpacked(await get<Stored>(orgKey(org), grantsStore()));
}

const summaryOf = (stored: Stored): OrgSummary => ({
  org: stored.org,
  loadedAt: stored.loadedAt,
  count: storedCount(stored),
});

export async function writeGrants(loaded: LoadedGrants): Promise<void> {
  await set(orgKey(loaded.org), packGrants(loaded), grantsStore());
  await set(orgKey(loaded.org), summaryOf(loaded), orgsStore());
}

export async function allGrants(): Promise<LoadedGrants[]> {
  const lists = (await entries<string, Stored>(grantsStore())).map(([, value]) => unpacked(value));
  return lists.filter((list): list is LoadedGrants => list !== undefined);
}

type IdbStore = ReturnType<typeof createStore>;

async function rowsIn(grants: IdbStore): Promise<GrantRows[]> {
  const out: GrantRows[] = [];
  for (const [, stored] of await entries<string, Stored>(grants)) {
    try {
      out.push(rowsOf(stored));
    } catch (error) {
      console.warn('[PATrol] skipped a damaged cached list', stored.org, error);
    }
  }
  return out;
}

/** Every cached list as rows (lib/cache-rows.ts), for the popup; damaged ones are skipped. */
export const allGrantRows = (): Promise<GrantRows[]> => rowsIn(grantsStore());

async function orgsIn(grants: IdbStore, orgs: IdbStore): Promise<OrgSummary[]> {
  // Three independent reads: in parallel, not one after another.
  const [summaries, listed, pending] = await Promise.all([
    entries<string, OrgSummary>(orgs),
    keys<string>(grants),
    pendingCounts(),
  ]);
  const known = new Map(summaries);
  // Lists cached before the summaries existed get theirs once.
  for (const key of listed) {
    if (known.has(key)) continue;
    const loaded = await get<Stored>(key, grants);
    if (!loaded) continue;
    known.set(key, summaryOf(loaded));
    await set(key, summaryOf(loaded), orgs);
  }
  return [...known.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, summary]) => (pending[key] === undefined ? summary : { ...summary, pending: pending[key] }));
}

/** Every cached org with its load time and count, in login order. */
export const listOrgs = (): Promise<OrgSummary[]> => orgsIn(grantsStore(), orgsStore());

/**
 * The popup's two reads over connections opened now, so that the popup's first read does not
 * wait for the databases to open. The popup reads while it still waits to learn whether PATrol
 * is locked, and shows what it read only once it is not (components/popup/store.ts).
 */
export function openCacheReader() {
  const grants = grantsStore();
  const orgs = orgsStore();
  return { listOrgs: () => orgsIn(grants, orgs), allGrantRows: () => rowsIn(grants) };
}

export async function dropOrg(org: string): Promise<void> {
  await del(orgKey(org), grantsStore());
  await del(orgKey(org), orgsStore());
  await del(orgKey(org), reposStore());
  await dropRequests(org);
  await dropSnapshots(org);
}

export async function readRepositories(org: string): Promise<Record<string, string[]>> {
  return (await get<Record<string, string[]>>(orgKey(org), reposStore())) ?? {};
}

export async function writeRepositories(org: string, repos: Record<string, string[]>): Promise<void> {
  await set(orgKey(org), repos, reposStore());
}

export async function readLog(): Promise<LogEntry[]> {
  return (await get<LogEntry[]>('entries', logStore())) ?? [];
}

export async function appendLog(newEntries: readonly LogEntry[]): Promise<void> {
  if (newEntries.length === 0) return;
  await set('entries', [...(await readLog()), ...newEntries], logStore());
}

export async function clearLog(): Promise<void> {
  await clear(logStore());
}

/**
 * Sign-out: every cached inventory and repository list goes with the credential that
 * loaded them, and so does every snapshot, those of past reviews included (the revocation
 * log and the review history's records are the owner's record and stay).
 */
export async function wipeCredentialCaches(): Promise<void> {
  await Promise.all([
    clear(grantsStore()),
    clear(orgsStore()),
    clear(reposStore()),
    wipeRequests(),
    wipeSnapshots(),
    forgetReviewSnapshots(),
  ]);
}

/** Whether any inventory or repository list is cached (Sign out then has work to do). */
export async function hasCachedData(): Promise<boolean> {
  const [grants, repos] = await Promise.all([keys(grantsStore()), keys(reposStore())]);
  return grants.length > 0 || repos.length > 0;
}
