// The one "load with progress" helper of the panel and the popup: asks the worker to load an
// org, reports the pushed page counts while it runs, then reads the list in chunks.
import type { send as sendMessage } from '../lib/messaging';
import type { Watch } from '../lib/progress';
import type { GrantsChunk, LoadProgress, Reply } from '../lib/protocol';
import { createTokenSharer } from '../lib/share-list';
import type { WireToken } from '../lib/tokens';

export interface LoadDeps {
  send: typeof sendMessage;
  watch: Watch;
}

export interface LoadedList {
  org: string;
  tokens: WireToken[];
  loadedAt: number;
}

async function readAll(deps: LoadDeps, org: string, loadedAt: number): Promise<Reply<LoadedList>> {
  const tokens: WireToken[] = [];
  let offset: number | null = 0;
  let name = org;
  const share = createTokenSharer();
  while (offset !== null) {
    const chunk: Reply<GrantsChunk> = await deps.send('grants.read', { org, loadedAt, offset });
    if (!chunk.ok) return chunk;
    name = chunk.data.org;
    // Each token's repeated texts and permissions become the list's shared ones (lib/share-list.ts).
    for (const token of chunk.data.tokens) tokens.push(share(token));
    offset = chunk.data.next;
  }
  return { ok: true, data: { org: name, tokens, loadedAt } };
}

export async function loadGrants(
  deps: LoadDeps,
  org: string,
  refresh: boolean,
  onProgress: (progress: LoadProgress) => void,
): Promise<Reply<LoadedList>> {
  const stop = deps.watch(org, (event) => {
    if (event.type === 'load' && event.progress.running) onProgress(event.progress);
  });
  try {
    // A list replaced by another load between two chunks is read once more from the start.
    for (let attempt = 0; ; attempt++) {
      const meta = await deps.send('grants.load', { org, refresh: refresh && attempt === 0 });
      if (!meta.ok) return meta;
      const read = await readAll(deps, org, meta.data.loadedAt);
      if (read.ok || read.error.code !== 'not_found' || attempt > 0) return read;
    }
  } finally {
    stop();
  }
}
