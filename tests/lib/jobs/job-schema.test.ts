// The one schema of a stored job, shared by the worker's job store and the CLI's journal:
// every job the engine makes reads back as it was, and a damaged record is refused.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { batchSent, createJob, nextStep } from '../../../lib/jobs/engine';
import { jobFieldsSchema, jobItemSchema } from '../../../lib/jobs/job-schema';

const wholeJob = jobFieldsSchema.extend({ items: z.array(jobItemSchema) });

function sentJob() {
  const job = createJob(
    {
      id: 'j1',
      kind: 'deny',
      org: 'acme',
      actor: 'alice',
      note: 'use the bot',
      items: [
        { id: 1, tokenId: 11, name: 'ci', owner: 'dan' },
        { id: 2, tokenId: null, name: '', owner: 'eve' },
      ],
    },
    5,
  );
  const step = nextStep(job, 5);
  if (step.type !== 'send') throw new Error('expected a batch');
  return batchSent(job, step.items);
}

describe('the stored job schema', () => {
  it.each(['revoke', 'approve', 'deny', 'remove-authorization'] as const)(
    'reads back a %s job the engine made, unchanged',
    (kind) => {
      const job = { ...sentJob(), kind };
      expect(wholeJob.parse(JSON.parse(JSON.stringify(job)))).toEqual(job);
    },
  );

  it.each([
    ['a fractional id', { id: 1.5 }],
    ['a fractional token id', { tokenId: 2.5 }],
    ['an unknown state', { state: 'revoked' }],
    ['no name', { name: undefined }],
  ])('refuses an item with %s', (_what, change) => {
    const item = { ...sentJob().items[0], ...change };
    expect(jobItemSchema.safeParse(item).success).toBe(false);
  });

  it.each([
    ['another version', { version: 1 }],
    ['an unknown kind', { kind: 'delete' }],
    ['an unknown phase', { phase: 'paused' }],
  ])('refuses a job with %s', (_what, change) => {
    const { items: _items, ...fields } = sentJob();
    expect(jobFieldsSchema.safeParse(fields).success).toBe(true);
    expect(jobFieldsSchema.safeParse({ ...fields, ...change }).success).toBe(false);
  });
});
