// Where jobs live: the worker's IndexedDB, one versioned record per job, its items in chunks
// of 100 so that saving after a batch writes that batch's chunk and the small header, not the
// whole job. Records are parsed on read (a damaged one is skipped, never trusted), and the
// first open migrates version 1 (one list under storage.local "jobs") so that a job in
// flight during an update finishes.
import { createStore, delMany, entries, getMany, setMany } from 'idb-keyval';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { Job, JobItem } from '../jobs/job';
import { jobFieldsSchema, jobItemSchema } from '../jobs/job-schema';
import { fromV1 } from './job-store-v1';

const CHUNK = 100;
/** Finished jobs kept as history, in items (besides each org's newest, which pages may show). */
const HISTORY_ITEMS = 20_000;
const KEEP_JOBS = 20;
const V1_KEY = 'jobs';

// A header is a job without its items, which are stored in chunks: it counts them instead.
const headerSchema = jobFieldsSchema.extend({ itemCount: z.number().int().nonnegative() });

export type JobHeader = z.infer<typeof headerSchema>;

// Headers and item chunks in two stores: listing jobs reads only the small headers.
const headersDb = () => createStore('patrol-jobs', 'jobs');
const itemsDb = () => createStore('patrol-job-items', 'items');
const headerKey = (id: string) => `job:${id}`;
const chunkKey = (id: string, index: number) => `items:${id}:${index}`;
const chunkCount = (items: number) => Math.ceil(items / CHUNK);

function headerOf(job: Job): JobHeader {
  const { items, ...rest } = job;
  return { ...rest, itemCount: items.length };
}

/** The items last written per job, by reference: a chunk whose items are all the same objects is unchanged. */
const written = new Map<string, readonly JobItem[]>();

function changedChunks(job: Job): number[] {
  const before = written.get(job.id);
  const changed: number[] = [];
  for (let c = 0; c < chunkCount(job.items.length); c++) {
    const from = c * CHUNK;
    const to = Math.min(from + CHUNK, job.items.length);
    let same = before !== undefined && before.length === job.items.length;
    for (let i = from; same && i < to; i++) same = before?.[i] === job.items[i];
    if (!same) changed.push(c);
  }
  return changed;
}

let opened: Promise<void> | undefined;
/** Migrates version-1 jobs once per worker; every other call waits for it. */
function ready(): Promise<void> {
  opened ??= migrateV1();
  return opened;
}

// Saves take turns: a prune of one save must not delete what another is writing.
let turns: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = turns.then(() => ready()).then(work);
  turns = run.catch(() => undefined);
  return run;
}

/** Writes the given item chunks, then the header (so a header never points past its items). */
async function writeRecord(job: Job, chunks: readonly number[]): Promise<number> {
  const items = chunks.map((c): [string, unknown] => [
    chunkKey(job.id, c),
    job.items.slice(c * CHUNK, (c + 1) * CHUNK),
  ]);
  const header = headerOf(job);
  if (items.length > 0) await setMany(items, itemsDb());
  await setMany([[headerKey(job.id), header]], headersDb());
  return items.reduce(
    (bytes, [, value]) => bytes + JSON.stringify(value).length,
    JSON.stringify(header).length,
  );
}

/** Stores a job; returns the bytes of JSON written, which the benchmark reports. */
export function saveJob(job: Job): Promise<number> {
  return inTurn(async () => {
    const bytes = await writeRecord(job, changedChunks(job));
    written.set(job.id, job.items);
    if (job.phase === 'done') await prune();
    return bytes;
  });
}

async function readHeaders(): Promise<JobHeader[]> {
  const rows = await entries<string, unknown>(headersDb());
  const headers: JobHeader[] = [];
  for (const [key, value] of rows) {
    const parsed = headerSchema.safeParse(value);
    if (parsed.success) headers.push(parsed.data);
    else console.warn('[PATrol] skipped a damaged job record', key);
  }
  return headers.sort((a, b) => a.createdAt - b.createdAt);
}

/** Every job's header, oldest first: small, whatever the jobs' sizes. */
export function listJobs(): Promise<JobHeader[]> {
  return ready().then(readHeaders);
}

export async function readJob(id: string): Promise<Job | undefined> {
  await ready();
  const header = (await readHeaders()).find((candidate) => candidate.id === id);
  return header ? withItems(header) : undefined;
}

/**
 * A job with its items. `forRunner`: these are the objects the runner will advance, so they
 * become the reference a later save compares with; a reader's copy must not (its objects are
 * not the runner's, and the next save would rewrite every chunk).
 */
async function withItems(header: JobHeader, forRunner = false): Promise<Job | undefined> {
  const keys = Array.from({ length: chunkCount(header.itemCount) }, (_, c) => chunkKey(header.id, c));
  const chunks = await getMany<unknown>(keys, itemsDb());
  const items = z
    .array(jobItemSchema)
    .safeParse(chunks.flatMap((chunk) => (Array.isArray(chunk) ? chunk : [null])));
  if (!items.success || items.data.length !== header.itemCount) {
    console.warn('[PATrol] skipped a job whose items are damaged', header.id);
    return undefined;
  }
  const { itemCount: _count, ...rest } = header;
  const job: Job = { ...rest, items: items.data };
  // A job running now keeps its runner's reference (a wake re-reads every unfinished job).
  if (forRunner && !written.has(job.id)) written.set(job.id, job.items);
  return job;
}

/** The unfinished jobs, whole, oldest first, for the runner to advance. */
export async function unfinishedJobs(): Promise<Job[]> {
  const headers = (await listJobs()).filter((header) => header.phase !== 'done');
  const jobs = await Promise.all(headers.map((header) => withItems(header, true)));
  return jobs.filter((job): job is Job => job !== undefined);
}

async function deleteJob(header: JobHeader): Promise<void> {
  await delMany([headerKey(header.id)], headersDb());
  const chunks = Array.from({ length: chunkCount(header.itemCount) }, (_, c) => chunkKey(header.id, c));
  await delMany(chunks, itemsDb());
  written.delete(header.id);
}

/** Unfinished jobs and each org's newest finished job always stay; older ones within budget. */
async function prune(): Promise<void> {
  const headers = await readHeaders();
  const newestDone = new Map<string, JobHeader>();
  for (const header of headers) if (header.phase === 'done') newestDone.set(header.org.toLowerCase(), header);
  let budget = HISTORY_ITEMS;
  let kept = 0;
  for (const header of [...headers].reverse()) {
    if (header.phase !== 'done' || newestDone.get(header.org.toLowerCase()) === header) continue;
    if (kept < KEEP_JOBS && header.itemCount <= budget) {
      kept += 1;
      budget -= header.itemCount;
    } else await deleteJob(header);
  }
}

/** Forgets every finished job (sign-out); a job still running is left to finish or fail. */
export function dropFinishedJobs(): Promise<void> {
  return inTurn(async () => {
    for (const header of await readHeaders()) if (header.phase === 'done') await deleteJob(header);
  });
}

async function migrateV1(): Promise<void> {
  const found = await browser.storage.local.get(V1_KEY);
  const old = found[V1_KEY];
  if (!Array.isArray(old)) return;
  for (const job of old.map(fromV1)) {
    if (!job) continue;
    await writeRecord(
      job,
      Array.from({ length: chunkCount(job.items.length) }, (_, c) => c),
    );
  }
  await browser.storage.local.remove(V1_KEY);
}

/** Tests: forget what this worker wrote, as a new worker would. */
export function forgetWrittenForTests(): void {
  written.clear();
  opened = undefined;
}
