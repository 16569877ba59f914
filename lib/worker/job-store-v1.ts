// Version 1 of the job record (PATrol 0.1): every job in one storage.local list, its tokens
// with `revoked` states. Parsed, never cast, and turned into today's record by job-store.ts.
import { z } from 'zod';
import { JOB_VERSION, type Job } from '../jobs/job';

const v1Token = z.object({
  grantId: z.number(),
  tokenId: z.number().nullable().optional(),
  tokenName: z.string(),
  ownerLogin: z.string(),
  state: z.enum(['pending', 'sent', 'revoked', 'failed', 'unconfirmed']),
  reason: z.string().optional(),
  logged: z.boolean().optional(),
  absentOnce: z.boolean().optional(),
});
const v1Job = z.object({
  id: z.string(),
  org: z.string(),
  actor: z.string(),
  createdAt: z.number(),
  phase: z.enum(['running', 'waiting', 'verifying', 'done']),
  tokens: z.array(v1Token),
  waitingUntil: z.number().nullable(),
  verifyUntil: z.number().nullable(),
  verifyRounds: z.number().optional(),
  transientFailures: z.number(),
  message: z.string().nullable(),
});

export function fromV1(raw: unknown): Job | null {
  const parsed = v1Job.safeParse(raw);
  if (!parsed.success) return null;
  const old = parsed.data;
  return {
    version: JOB_VERSION,
    id: old.id,
    kind: 'revoke',
    org: old.org,
    actor: old.actor,
    createdAt: old.createdAt,
    phase: old.phase,
    items: old.tokens.map(({ grantId, tokenId, tokenName, ownerLogin, state, ...rest }) => ({
      ...rest,
      id: grantId,
      tokenId: tokenId ?? null,
      name: tokenName,
      owner: ownerLogin,
      state: state === 'revoked' ? 'done' : state,
    })),
    waitingUntil: old.waitingUntil,
    verifyUntil: old.verifyUntil,
    // A job verifying when the update came checks again at once.
    nextCheckAt: null,
    verifyRounds: old.verifyRounds ?? 0,
    transientFailures: old.transientFailures,
    message: old.message,
  };
}
