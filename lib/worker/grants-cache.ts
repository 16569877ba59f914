// The worker's view of the per-org grants cache (lib/cache.ts): the last list of each org kept
// in memory too, so that pages reading a big list in chunks cost one IndexedDB read, not one
// per chunk.
import * as cache from '../cache';
import type { LoadedGrants } from '../protocol';

const memory = new Map<string, LoadedGrants>();
const keyOf = (org: string) => org.toLowerCase();

export async function readGrants(org: string): Promise<LoadedGrants | undefined> {
  const held = memory.get(keyOf(org));
  if (held) return held;
  const stored = await cache.readGrants(org);
  if (stored) memory.set(keyOf(org), stored);
  return stored;
}

export async function writeGrants(loaded: LoadedGrants): Promise<void> {
  memory.set(keyOf(loaded.org), loaded);
  await cache.writeGrants(loaded);
}

export async function dropOrg(org: string): Promise<void> {
  memory.delete(keyOf(org));
  await cache.dropOrg(org);
}

export function forgetAll(): void {
  memory.clear();
}
