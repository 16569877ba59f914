// @vitest-environment node
// readJobOutcomes: the one reader of a finished job's outcomes, shared by the panel, the
// requests panel and the SSO tab. It reads every slice, and a failed slice is the reply the
// surface shows (the SSO tab once dropped it and showed no outcomes at all).
import { describe, expect, it } from 'vitest';
import { readJobOutcomes } from '../../components/follow-job';
import type { JobItemView, JobOutcomes, Reply } from '../../lib/protocol';

const item = (id: number): JobItemView => ({ id, name: `t${id}`, owner: 'o', state: 'failed', reason: 'no' });

describe('readJobOutcomes', () => {
  it('reads slice after slice until the worker says there is no next one', async () => {
    const asked: number[] = [];
    const send = async (_type: 'jobs.outcomes', input: { jobId: string; offset: number }) => {
      asked.push(input.offset);
      const next = input.offset === 0 ? 2 : null;
      const items = [item(input.offset), item(input.offset + 1)];
      return { ok: true, data: { jobId: input.jobId, items, next } } as Reply<JobOutcomes>;
    };
    const reply = await readJobOutcomes(send, 'job-1');
    expect(asked).toEqual([0, 2]);
    expect(reply).toEqual({ ok: true, data: [item(0), item(1), item(2), item(3)] });
  });

  it('returns the failed reply, not a partial list', async () => {
    const error = { code: 'not_found', message: 'That job is gone.' };
    const send = async (_type: 'jobs.outcomes', input: { jobId: string; offset: number }) =>
      (input.offset === 0
        ? { ok: true, data: { jobId: 'job-1', items: [item(0)], next: 1 } }
        : { ok: false, error }) as Reply<JobOutcomes>;
    expect(await readJobOutcomes(send, 'job-1')).toEqual({ ok: false, error });
  });
});
