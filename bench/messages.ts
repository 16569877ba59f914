// Message and storage sizes (issue 10): the real worker, its registry and its job runner, run in
// Node behind the fake GitHub. Every reply a page would receive and every event the worker
// pushes is measured as the JSON that crosses, as are the bytes the job store writes per save.
// Run by bench/run.ts through `vitest run --config bench/vitest.config.ts`; writes
// bench/messages.json, which run.ts folds into the results.
import { writeFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';
import { createPopupStore } from '../components/popup/store';
import { allGrants, listOrgs } from '../lib/cache';
import type { send as sendMessage } from '../lib/messaging';
import type { GrantsChunk, Input, MessageType, Reply } from '../lib/protocol';
import { createWorker } from '../lib/worker/service';
import { startFakeGitHub } from '../tests/fake-github/server';

const ORG = 'acme';
/**
 * The job store's saves, as JSON bytes: each writes its changed item chunks, then its header;
 * a save is attributed to the phase its header records.
 */
const saves: { phase: string; bytes: number }[] = [];
let chunkBytes = 0;
vi.mock('idb-keyval', async (importOriginal) => {
  const real = await importOriginal<typeof import('idb-keyval')>();
  return {
    ...real,
    setMany: (entries: [IDBValidKey, unknown][], store?: Parameters<typeof real.setMany>[1]) => {
      const written = entries.reduce((sum, [, value]) => sum + JSON.stringify(value).length, 0);
      const header = entries[0]?.[1] as { phase?: string; itemCount?: number } | undefined;
      if (header?.itemCount === undefined) chunkBytes += written;
      else {
        saves.push({ phase: header.phase ?? '?', bytes: chunkBytes + written });
        chunkBytes = 0;
      }
      return real.setMany(entries, store);
    },
  };
});
const bytes = (value: unknown) => JSON.stringify(value ?? null).length;

it('measures the messages and storage writes of PATrol', async () => {
  const fake = await startFakeGitHub({ revokeDelayMs: 0 });
  const events: number[] = [];
  const worker = createWorker({ fetch: fake.fetch });
  // A page following every org: what the worker pushes to it is measured.
  await worker.hub.connect({
    name: 'patrol.progress',
    postMessage: (event) => events.push(bytes(event)),
    onMessage: { addListener: (listener) => listener({ watch: { org: null } }) },
    onDisconnect: { addListener: () => {} },
  });
  const replies: Record<string, number[]> = {};
  const send = (async <T extends MessageType>(type: T, input: Input<T>) => {
    const request = bytes({ patrol: 1, type, input });
    const data = await worker.call(type, input);
    const reply = { ok: true, data };
    replies[type] = [...(replies[type] ?? []), Math.max(request, bytes(reply))];
    return reply;
  }) as typeof sendMessage;
  const largest = (types?: string[]) =>
    Math.max(
      0,
      ...Object.entries(replies).flatMap(([type, sizes]) => (!types || types.includes(type) ? sizes : [])),
    );
  const reset = () => {
    for (const key of Object.keys(replies)) delete replies[key];
    events.length = 0;
  };

  await worker.call('settings.save', {
    mode: 'private-key',
    clientId: fake.app.clientId,
    apiBaseUrl: 'https://api.github.com',
    privateKey: fake.app.privateKeyPkcs1,
    secretStorage: 'session',
  });
  const figures: Record<string, unknown> = {};

  // Loading 10,000 and 50,000 grants as the panel does: grants.load, then grants.read chunks.
  for (const size of [10_000, 50_000]) {
    const org = `load-${size}`;
    fake.seedOrg(org, { grants: size, seed: 2026 });
    reset();
    const meta = await send('grants.load', { org, refresh: true });
    if (!meta.ok) throw new Error('load failed');
    let offset: number | null = 0;
    while (offset !== null) {
      const chunk: Reply<GrantsChunk> = await send('grants.read', {
        org,
        loadedAt: meta.data.loadedAt,
        offset,
      });
      if (!chunk.ok) throw new Error('read failed');
      offset = chunk.data.next;
    }
    figures[`load${size}`] = {
      largestMessageBytes: largest(),
      largestPushBytes: Math.max(0, ...events),
      messages: Object.values(replies).flat().length,
    };
  }

  // The popup opening over 60,000 cached tokens (both orgs): it reads the cache itself.
  reset();
  const popup = createPopupStore({
    send,
    watch: () => () => {},
    readCache: async () => ({ orgs: await listOrgs(), lists: await allGrants() }),
    openTab: () => {},
    openOptions: () => {},
    now: () => Date.now(),
  });
  await popup.init();
  expect(popup.store.getState().tokenCount).toBe(60_000);
  figures.popupOpen60000 = { largestMessageBytes: largest(), messages: Object.keys(replies) };

  // Revoking 10,000: the start request, every pushed summary, and the job store's writes.
  fake.seedOrg(ORG, { grants: 10_000, seed: 2026 });
  await worker.call('grants.load', { org: ORG, refresh: true });
  const ids = fake.liveGrants(ORG).map((grant) => grant.id);
  reset();
  saves.length = 0;
  const started = await send('jobs.start', { kind: 'revoke', org: ORG, ids });
  if (!started.ok) throw new Error('start failed');
  await vi.waitFor(async () => expect((await worker.call('jobs.latest', { org: ORG }))?.phase).toBe('done'), {
    timeout: 600_000,
    interval: 500,
  });
  await send('jobs.outcomes', { jobId: started.data.id, offset: 0 });
  const stats = (phase: string) => {
    const sizes = saves
      .filter((save) => save.phase === phase)
      .map((save) => save.bytes)
      .sort((x, y) => x - y);
    return { saves: sizes.length, median: sizes[Math.floor(sizes.length / 2)] ?? 0, max: sizes.at(-1) ?? 0 };
  };
  figures.revoke10000 = {
    startRequestBytes: largest(['jobs.start']),
    largestStatusBytes: Math.max(0, ...events, largest(['jobs.latest'])),
    pushedSummaries: events.length,
    largestMessageBytes: Math.max(largest(), ...events),
    // The first save writes the whole job once; a batch writes its chunk and the header; a
    // verification round rewrites the chunks whose items it marked.
    firstSaveBytes: saves[0]?.bytes ?? 0,
    storagePerBatch: stats('running'),
    storagePerVerificationRound: stats('verifying'),
    storageTotalBytes: saves.reduce((sum, save) => sum + save.bytes, 0),
  };
  await fake.close();
  writeFileSync('bench/messages.json', `${JSON.stringify(figures, null, 2)}\n`);
  console.log(JSON.stringify(figures, null, 2));
});
