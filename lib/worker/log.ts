// The local log of every action's outcome. Appends are read-modify-write of one record, so
// they take turns: two jobs ending together lose nothing.
import * as cache from '../cache';
import type { LogEntry } from '../protocol';

let writes: Promise<void> = Promise.resolve();

export function appendLog(entries: LogEntry[]): Promise<void> {
  if (entries.length === 0) return writes;
  const write = writes.then(() => cache.appendLog(entries));
  writes = write.catch(() => {});
  return write;
}
