// The shared job view: each surface's words decide the bar's name, the lines, the lists
// shown and their headings, and whether the view is a live region.
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobView, type JobWords } from '../../components/JobView';
import type { JobItemView } from '../../lib/protocol';
import { jobSummary } from '../support/fake-worker';

const words: JobWords = {
  bar: 'Sweeping things',
  progress: { doing: 'Sweeping', verified: 'swept' },
  summary: (job) => `Swept ${job.done} of ${job.total}`,
  item: 'thing',
  lists: { failed: 'Failed', unconfirmed: 'Unswept' },
  heading: 'h4',
};
const outcomes: JobItemView[] = [
  { id: 7, name: '', owner: 'dan', state: 'failed', reason: 'GitHub said no' },
  { id: 8, name: 'mop', owner: 'eve', state: 'sent' },
  { id: 9, name: 'pail', owner: 'fay', state: 'pending' },
];

afterEach(cleanup);

describe('the shared job view', () => {
  it('counts confirmations on the bar while verifying, when the kind counts them', () => {
    const job = jobSummary({ phase: 'verifying', total: 4, sent: 4, done: 1 });
    const { unmount } = render(<JobView job={job} outcomes={null} onRetry={() => {}} words={words} />);
    expect(screen.getByRole('progressbar', { name: 'Sweeping things' }).getAttribute('value')).toBe('1');
    expect(screen.getByText('Verifying with GitHub… 1 of 4 swept')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    unmount();
    render(
      <JobView
        job={job}
        outcomes={null}
        onRetry={() => {}}
        words={{ ...words, progress: { doing: 'x', verified: null } }}
      />,
    );
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('4');
  });

  it('lists what did not end done under its headings, names the nameless, and retries', () => {
    const onRetry = vi.fn();
    const job = jobSummary({ phase: 'done', total: 4, done: 1, failed: 1 });
    render(<JobView job={job} outcomes={outcomes} onRetry={onRetry} words={words} />);
    expect(screen.getByText('Swept 1 of 4')).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      'Failed',
      'Unswept',
    ]);
    expect(within(screen.getByRole('list', { name: 'Failed' })).getByRole('listitem').textContent).toBe(
      'thing 7 by dan: GitHub said no',
    );
    expect(screen.getByRole('list', { name: 'Unswept' }).textContent).toBe('mop by eve');
    // No "pending" label: the kind shows no list of what was not sent.
    expect(screen.getAllByRole('list')).toHaveLength(2);
    screen.getByRole('button', { name: 'Retry failed' }).click();
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('without headings, names its lists only; as a live region, says so', () => {
    const job = jobSummary({ phase: 'done', total: 4, done: 1, failed: 0 });
    render(
      <JobView
        job={job}
        outcomes={outcomes}
        onRetry={() => {}}
        words={{ ...words, heading: null, live: true, lists: { ...words.lists, pending: 'Not sent' } }}
      />,
    );
    expect(screen.queryAllByRole('heading')).toEqual([]);
    expect(screen.getByRole('list', { name: 'Not sent' }).textContent).toBe('pail by fay');
    expect(screen.getByRole('status').textContent).toContain('Swept 1 of 4');
    expect(screen.queryByRole('button', { name: 'Retry failed' })).toBeNull();
  });
});
