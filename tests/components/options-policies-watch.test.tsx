// Issue 15 items 4 and 5 on the options page: policies validated by the filter parser as typed,
// added and removed; the watch's checkboxes, the notifications permission asked for only when
// "Notify me when this grows" is ticked, and "Check now".
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Policies } from '../../components/options/Policies';
import { Watch, type WatchDeps } from '../../components/options/Watch';
import { DEFAULT_POLICIES, type Policy } from '../../lib/policies';
import { EMPTY_WATCH, type WatchState } from '../../lib/watch-state';
import { fakeSend } from '../support/fake-worker';

afterEach(cleanup);

function policiesDeps(initial: Policy[] = [...DEFAULT_POLICIES]) {
  const stored = { list: initial };
  return {
    stored,
    deps: {
      read: async () => stored.list,
      write: async (next: Policy[]) => {
        stored.list = next;
      },
    },
  };
}

describe('Policies', () => {
  it('lists the defaults, each with a Remove button', async () => {
    const user = userEvent.setup();
    const { deps, stored } = policiesDeps();
    render(<Policies deps={deps} />);
    const list = await screen.findByRole('list', { name: 'Policies' });
    expect(list.textContent).toContain('Stale high risk risk:high used:>90d');
    await user.click(screen.getByRole('button', { name: 'Remove Never expires' }));
    expect(stored.list.map((p) => p.name)).toEqual(['Stale high risk', 'Unused 180 days']);
    expect(screen.queryByRole('button', { name: 'Remove Never expires' })).toBeNull();
  });

  it('checks the query as it is typed and adds a valid policy', async () => {
    const user = userEvent.setup();
    const { deps, stored } = policiesDeps();
    render(<Policies deps={deps} />);
    await screen.findByRole('list', { name: 'Policies' });
    await user.type(screen.getByRole('textbox', { name: 'Policy name' }), 'Admin write');
    const query = screen.getByRole('textbox', { name: 'Policy query' });
    await user.type(query, 'perm:members:wirte');
    expect(query.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Unknown level "wirte": perm: levels are read, write or admin')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Add policy' }) as HTMLButtonElement).disabled).toBe(true);
    await user.clear(query);
    await user.type(query, 'perm:members:write');
    expect(query.getAttribute('aria-invalid')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Add policy' }));
    expect(stored.list.at(-1)).toEqual({ name: 'Admin write', query: 'perm:members:write' });
    expect(screen.getByRole('button', { name: 'Remove Admin write' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Policy name' }) as HTMLInputElement).value).toBe('');
  });

  it('refuses a name already used', async () => {
    const user = userEvent.setup();
    render(<Policies deps={policiesDeps().deps} />);
    await screen.findByRole('list', { name: 'Policies' });
    await user.type(screen.getByRole('textbox', { name: 'Policy name' }), 'never expires');
    expect(screen.getByText(/A policy named "never expires" exists already/)).toBeTruthy();
  });
});

function watchDeps(state: WatchState = EMPTY_WATCH, granted = true) {
  const checked: WatchState = {
    ...EMPTY_WATCH,
    last: { finishedAt: Date.parse('2026-12-01T10:00:00Z'), orgs: [], total: 12 },
  };
  checked.last?.orgs.push({
    org: 'acme',
    ok: true,
    checkedAt: 0,
    watched: 12,
    newSinceReview: 2,
    policies: [],
  });
  const { send, calls } = fakeSend({
    'watch.configure': (input) => input,
    'watch.check': () => checked,
  });
  const requestNotifications = vi.fn(async () => granted);
  const deps: WatchDeps = {
    send,
    readSettings: async () => ({ daily: false, notify: false }),
    readState: async () => state,
    onState: () => () => undefined,
    requestNotifications,
  };
  return { deps, calls, requestNotifications };
}

describe('Watch', () => {
  it('turns the daily check on, and asks for notifications only when that box is ticked', async () => {
    const user = userEvent.setup();
    const { deps, calls, requestNotifications } = watchDeps();
    render(<Watch deps={deps} />);
    const daily = await screen.findByRole('checkbox', { name: 'Check my organizations daily' });
    await waitFor(() => expect((daily as HTMLInputElement).disabled).toBe(false));
    await user.click(daily);
    expect(calls.at(-1)).toEqual({ type: 'watch.configure', input: { daily: true, notify: false } });
    expect(requestNotifications).not.toHaveBeenCalled();
    await user.click(screen.getByRole('checkbox', { name: 'Notify me when this grows' }));
    expect(requestNotifications).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(calls.at(-1)).toEqual({ type: 'watch.configure', input: { daily: true, notify: true } }),
    );
  });

  it('keeps notifications off when the permission is refused, and says so', async () => {
    const user = userEvent.setup();
    const { deps, calls } = watchDeps(EMPTY_WATCH, false);
    render(<Watch deps={deps} />);
    const notify = await screen.findByRole('checkbox', { name: 'Notify me when this grows' });
    await waitFor(() => expect((notify as HTMLInputElement).disabled).toBe(false));
    await user.click(notify);
    expect((await screen.findByRole('alert')).textContent).toMatch(/without the notifications permission/);
    expect(calls.some((c) => c.type === 'watch.configure')).toBe(false);
    expect((notify as HTMLInputElement).checked).toBe(false);
  });

  it('"Check now" runs the check and shows its count; a locked or failed check says so', async () => {
    const user = userEvent.setup();
    const { deps } = watchDeps({ ...EMPTY_WATCH, locked: true });
    render(<Watch deps={deps} />);
    const status = screen.getByRole('status', { name: 'Watch status' });
    await waitFor(() => expect(status.textContent).toMatch(/PATrol is locked/));
    await user.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() =>
      expect(status.textContent).toMatch(/12 tokens match a policy or are new since review/),
    );
    cleanup();
    const failed: WatchState = {
      ...EMPTY_WATCH,
      last: {
        finishedAt: 0,
        total: null,
        orgs: [
          {
            org: 'beta',
            ok: false,
            checkedAt: 0,
            error: { code: 'github_error', message: 'GitHub had an internal error.' },
          },
        ],
      },
    };
    render(<Watch deps={watchDeps(failed).deps} />);
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Watch status' }).textContent).toMatch(
        /beta: GitHub had an internal error/,
      ),
    );
  });
});
