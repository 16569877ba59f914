// Input pieces shared by the registry's entries. Every input is bounded: ids per message,
// string lengths, so no page can make the worker parse or hold an unbounded request.
import { z } from 'zod';

export const empty = z.strictObject({});
export const org = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'not an organization login');
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A job's ids: GitHub's largest org lists stay well under this. */
export const MAX_JOB_IDS = 100_000;
export const jobId = z.string().max(64);
export const offset = z.number().int().nonnegative().max(10_000_000);
