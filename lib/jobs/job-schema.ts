// The shape of a stored job, checked on every read: the worker's IndexedDB records
// (lib/worker/job-store.ts) and the command line's journal file (lib/cli/journal.ts) hold the
// same Job (./job.ts), so they parse it with one schema. Plain zod, no browser API: the CLI
// runs in Node and may import it.
import { z } from 'zod';
import { JOB_VERSION } from './job';

/** One item of a job (JobItem). Ids are GitHub's integers; anything else is a damaged record. */
export const jobItemSchema = z.object({
  id: z.number().int(),
  tokenId: z.number().int().nullable(),
  name: z.string(),
  owner: z.string(),
  state: z.enum(['pending', 'sent', 'done', 'failed', 'unconfirmed']),
  reason: z.string().optional(),
  logged: z.boolean().optional(),
  absentOnce: z.boolean().optional(),
  half: z.string().optional(),
});

/** Every field of a Job but its items, which each store keeps its own way. */
export const jobFieldsSchema = z.object({
  version: z.literal(JOB_VERSION),
  id: z.string(),
  kind: z.enum(['revoke', 'approve', 'deny', 'remove-authorization']),
  org: z.string(),
  actor: z.string(),
  note: z.string().optional(),
  createdAt: z.number(),
  phase: z.enum(['running', 'waiting', 'verifying', 'done']),
  waitingUntil: z.number().nullable(),
  verifyUntil: z.number().nullable(),
  nextCheckAt: z.number().nullable(),
  verifyRounds: z.number(),
  transientFailures: z.number(),
  message: z.string().nullable(),
});
