// The options page's review history: every review with org, time, reviewer and counts, and
// "Export review" downloading the worker's CSV under its file name (or saying why it cannot).
import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReviewHistory } from '../../components/options/ReviewHistory';
import type { ReviewRecord } from '../../lib/review';
import { fail, fakeSend } from '../support/fake-worker';

afterEach(cleanup);

const record = (id: string, over: Partial<ReviewRecord> = {}): ReviewRecord => ({
  id,
  org: 'acme',
  at: Date.parse('2026-12-01T10:00:00Z'),
  reviewer: 'octo-owner',
  digest: 'ab'.repeat(32),
  counts: { total: 1200, new: 3, changed: 2, gone: 4, revoked: 1 },
  revoked: [],
  since: 0,
  exportable: true,
  ...over,
});

describe('Review history', () => {
  it('lists each review and exports one as its CSV', async () => {
    const user = userEvent.setup();
    const download = vi.fn();
    const { send, calls } = fakeSend({
      'reviews.list': () => [
        record('acme-2'),
        record('acme-1', { exportable: false, reviewer: 'App acme-patrol' }),
      ],
      'reviews.export': ({ id }) => ({ fileName: 'acme-review-2026-12-01.csv', csv: `csv of ${id}` }),
    });
    render(<ReviewHistory send={send} download={download} />);
    const table = await screen.findByRole('table', { name: 'Review history' });
    const [, newest, oldest] = within(table).getAllByRole('row');
    expect(newest?.textContent).toContain('octo-owner');
    expect(newest?.textContent).toContain('1,200 tokens: 3 new, 2 changed, 4 gone, 1 revoked');
    expect(oldest?.textContent).toContain('App acme-patrol');
    expect(within(oldest as HTMLElement).getByRole('button', { name: 'Export review' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.click(within(newest as HTMLElement).getByRole('button', { name: 'Export review' }));
    expect(calls.find((c) => c.type === 'reviews.export')?.input).toEqual({ id: 'acme-2' });
    expect(download).toHaveBeenCalledWith('acme-review-2026-12-01.csv', 'csv of acme-2', document.body);
  });

  it('says what went wrong when a review cannot be exported', async () => {
    const user = userEvent.setup();
    const download = vi.fn();
    const { send } = fakeSend({
      'reviews.list': () => [record('acme-2')],
      'reviews.export': () =>
        fail('not_found', 'PATrol keeps the list of the last 4 reviews of each organization'),
    });
    render(<ReviewHistory send={send} download={download} />);
    await user.click(await screen.findByRole('button', { name: 'Export review' }));
    expect((await screen.findByRole('alert')).textContent).toContain('last 4 reviews');
    expect(download).not.toHaveBeenCalled();
  });

  it('says when there is no review yet', async () => {
    const { send } = fakeSend({ 'reviews.list': () => [] });
    render(<ReviewHistory send={send} />);
    expect(await screen.findByText(/No review yet/)).toBeTruthy();
  });
});
