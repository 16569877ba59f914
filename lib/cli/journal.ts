// The journal of a bulk action: the job engine's own Job (lib/jobs/job.ts), written to a file
// after every step (a new file renamed over the old one, so a killed run leaves the previous
// step's record whole, never half of one). A re-run reads it and resumes where it stopped.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Job } from '../jobs/job';
import { jobFieldsSchema, jobItemSchema } from '../jobs/job-schema';
import { UsageError } from './exit';

export const JOURNAL_VERSION = 1;

export interface Journal {
  version: typeof JOURNAL_VERSION;
  command: 'revoke' | 'requests';
  /** The query the list came from, so a re-run with another query is not taken for this one. */
  query: string;
  /** requests: the decision and reason the job carries out. */
  decision: 'approve' | 'deny' | null;
  reason: string | null;
  job: Job;
}

const schema = z.object({
  version: z.literal(JOURNAL_VERSION),
  command: z.enum(['revoke', 'requests']),
  query: z.string(),
  decision: z.enum(['approve', 'deny']).nullable(),
  reason: z.string().nullable(),
  // The worker's own job record; the command line runs no SSO removal.
  job: jobFieldsSchema.extend({ kind: z.enum(['revoke', 'approve', 'deny']), items: z.array(jobItemSchema) }),
});

/** The journal at `path`; null when there is none. A damaged one is an error, never ignored. */
export async function readJournal(path: string): Promise<Journal | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(`the journal ${path} cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) {
    throw new UsageError(`the journal ${path} is damaged; move it away to start afresh`);
  }
  return checked.data as Journal;
}

let sequence = 0;

export async function writeJournal(path: string, journal: Journal): Promise<void> {
  const next = `${path}.${process.pid}.${sequence++}.tmp`;
  await writeFile(next, `${JSON.stringify(journal)}\n`);
  await rename(next, path);
}
