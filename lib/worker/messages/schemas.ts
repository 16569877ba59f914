// Input pieces shared by the registry's entries. Every input is bounded: ids per message,
// string lengths, so no page can make the worker parse or hold an unbounded request.
import { z } from 'zod';
import { ORG_LOGIN } from '../../page';

export const empty = z.strictObject({});
export const org = z.string().regex(ORG_LOGIN, 'not an organization login');
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A job's ids: GitHub's largest org lists stay well under this. */
export const MAX_JOB_IDS = 100_000;
export const jobId = z.string().max(64);
export const offset = z.number().int().nonnegative().max(10_000_000);
