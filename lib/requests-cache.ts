// The per-org cache of pending token requests, in the extension's own IndexedDB beside the
// grants cache (lib/cache.ts). The worker writes it; the popup reads the counts directly, so
// showing each org's pending count ships no list through a message.
import { clear, createStore, del, entries, get, set } from 'idb-keyval';
import type { LoadedRequests } from './protocol';

const requestsStore = () => createStore('patrol-requests', 'requests');
const orgKey = (org: string) => org.toLowerCase();

export async function readRequests(org: string): Promise<LoadedRequests | undefined> {
  return get<LoadedRequests>(orgKey(org), requestsStore());
}

export async function writeRequests(loaded: LoadedRequests): Promise<void> {
  await set(orgKey(loaded.org), loaded, requestsStore());
}

export async function dropRequests(org: string): Promise<void> {
  await del(orgKey(org), requestsStore());
}

export async function wipeRequests(): Promise<void> {
  await clear(requestsStore());
}

/** Lowercased org → how many requests were pending when it was last loaded. */
export async function pendingCounts(): Promise<Record<string, number>> {
  const all = await entries<string, LoadedRequests>(requestsStore());
  return Object.fromEntries(all.map(([key, value]) => [key, value.requests.length]));
}
