// The local log of every action's outcome. Appends are read-modify-write of one record, so
// they take turns: two jobs ending together lose nothing.
import * as cache from '../cache';
import type { LogEntry } from '../protocol';
import { identityItem } from '../storage';
import type { Credentials } from './credentials';

let writes: Promise<void> = Promise.resolve();

export function appendLog(entries: LogEntry[]): Promise<void> {
  if (entries.length === 0) return writes;
  const write = writes.then(() => cache.appendLog(entries));
  writes = write.catch(() => {});
  return write;
}

/**
 * Who an action is logged as (PRODUCT.md "Revocation"): the signed-in login, or "App {name}"
 * in private-key mode, the App's slug asked of GitHub once and then kept with the identity.
 */
export async function actorOf(credentials: Credentials): Promise<string> {
  const settings = await credentials.settings();
  const known = await identityItem.getValue();
  if (settings.mode !== 'private-key') return known ?? settings.clientId;
  if (known?.startsWith('App ')) return known;
  try {
    const { data } = await (await credentials.appClient()).rest.apps.getAuthenticated();
    const actor = `App ${data?.slug ?? data?.name ?? settings.clientId}`;
    await identityItem.setValue(actor);
    return actor;
  } catch {
    return `App ${settings.clientId}`;
  }
}
