// Issue 15 items 4 and 5 in the popup: the last check's per-org counts, each opening the panel
// with that query; a failed org or a locked check shown instead of a count.
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WatchCounts } from '../../components/popup/WatchCounts';
import { EMPTY_WATCH, type WatchState } from '../../lib/watch-state';

afterEach(cleanup);

function deps(state: WatchState) {
  const openTab = vi.fn();
  const check = vi.fn(async () => undefined);
  return {
    openTab,
    check,
    deps: {
      readState: async () => state,
      onState: () => () => undefined,
      openTab,
      webHost: () => 'github.com',
      check,
    },
  };
}

const checked: WatchState = {
  ...EMPTY_WATCH,
  last: {
    finishedAt: 0,
    total: null,
    orgs: [
      {
        org: 'acme',
        ok: true,
        checkedAt: 0,
        watched: 1240,
        newSinceReview: 3,
        policies: [{ name: 'Stale high risk', query: 'risk:high used:>90d', count: 1200 }],
      },
      {
        org: 'beta',
        ok: false,
        checkedAt: 0,
        error: { code: 'github_error', message: 'GitHub had an internal error.' },
      },
    ],
  },
};

describe('the popup’s watch counts', () => {
  it('lists each org’s counts; a click opens the panel filtered by that query', async () => {
    const user = userEvent.setup();
    const { deps: d, openTab } = deps(checked);
    render(<WatchCounts deps={d} />);
    const acme = await screen.findByRole('list', { name: 'Watch counts of acme' });
    expect(acme.textContent).toContain('Stale high risk 1,200');
    await user.click(screen.getByRole('button', { name: 'Stale high risk 1,200' }));
    expect(openTab).toHaveBeenCalledWith(
      'https://github.com/organizations/acme/settings/personal-access-tokens/active#patrol=risk%3Ahigh%20used%3A%3E90d',
    );
    await user.click(screen.getByRole('button', { name: 'New since review 3' }));
    expect(openTab).toHaveBeenLastCalledWith(expect.stringMatching(/#patrol=is%3Anew$/));
    expect(screen.getByText(/not checked/).textContent).toContain('GitHub had an internal error.');
    expect(screen.queryByRole('list', { name: 'Watch counts of beta' })).toBeNull();
  });

  it('says a locked check has no current count', async () => {
    render(<WatchCounts deps={deps({ ...checked, locked: true }).deps} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/locked, so no count is current/);
    expect(screen.queryByRole('button', { name: /Stale high risk/ })).toBeNull();
  });

  it('offers Check now before the first check', async () => {
    const user = userEvent.setup();
    const { deps: d, check } = deps(EMPTY_WATCH);
    render(<WatchCounts deps={d} />);
    await user.click(await screen.findByRole('button', { name: 'Check now' }));
    expect(check).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('list', { name: 'Watched organizations' })).toBeNull();
  });
});
