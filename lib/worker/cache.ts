// Per-org caches the worker keeps in its own IndexedDB (not storage.local: 50,000 grants
// exceed its quota, and nothing here should be readable from a content script).
import { clear, createStore, del, entries, get, set } from 'idb-keyval';
import type { LoadedGrants, LogEntry } from '../protocol';

const grantsStore = () => createStore('patrol-grants', 'grants');
const reposStore = () => createStore('patrol-repositories', 'repositories');
const logStore = () => createStore('patrol-log', 'log');

const orgKey = (org: string) => org.toLowerCase();

export async function readGrants(org: string): Promise<LoadedGrants | undefined> {
  return get<LoadedGrants>(orgKey(org), grantsStore());
}

export async function writeGrants(loaded: LoadedGrants): Promise<void> {
  await set(orgKey(loaded.org), loaded, grantsStore());
}

export async function allGrants(): Promise<LoadedGrants[]> {
  return (await entries<string, LoadedGrants>(grantsStore())).map(([, value]) => value);
}

export async function dropOrg(org: string): Promise<void> {
  await del(orgKey(org), grantsStore());
  await del(orgKey(org), reposStore());
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
