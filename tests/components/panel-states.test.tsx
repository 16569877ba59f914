import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '../../components/panel/Panel';
import { createPanelStore } from '../../components/panel/store';
import type { GrantsMeta } from '../../lib/protocol';
import { toWire } from '../../lib/tokens';
import { fakeSend, fakeWatch, listHandlers } from '../support/fake-worker';
import {
  Fail,
  type Handlers,
  manyTokens,
  NOW,
  ORG,
  orgHandlers,
  renderPanel,
  SETTINGS,
} from './panel-fixtures';

afterEach(cleanup);

function mountWith(handlers: Handlers) {
  const { send, calls } = fakeSend(handlers);
  const events = fakeWatch();
  const store = createPanelStore(ORG, { send, watch: events.watch, now: () => NOW });
  const openOptions = vi.fn();
  render(<Panel store={store} onOpenOptions={openOptions} viewportHeight={480} />);
  return { store, calls, openOptions, events };
}

describe('panel states', () => {
  it('asks to configure PATrol when no credentials are set', async () => {
    const { store, openOptions } = mountWith({ 'settings.get': () => ({ ...SETTINGS, mode: null }) });
    await act(() => store.getState().start());
    const region = screen.getByRole('region', { name: 'PATrol' });
    expect(region.textContent).toMatch(/Connect PATrol to GitHub/);
    screen.getByRole('button', { name: 'Open PATrol options' }).click();
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('shows the progress the worker pushes while grants.load is pending', async () => {
    let finish: (data: GrantsMeta) => void = () => {};
    const tokens = manyTokens(3).map(toWire);
    const { store, events } = mountWith(
      orgHandlers([], {
        ...listHandlers(() => ({ [ORG]: tokens }), NOW),
        'grants.load': () => new Promise<GrantsMeta>((resolve) => (finish = resolve)),
      }),
    );
    let started: Promise<void> = Promise.resolve();
    act(() => {
      started = store.getState().start();
    });
    await waitFor(() => expect(events.watching()).toContain(ORG));
    act(() => events.push({ type: 'load', progress: { org: ORG, loaded: 200, total: 1000, running: true } }));
    expect(await screen.findByText('Loading tokens… 200 of ~1000')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Loading tokens' })).toBeTruthy();
    await act(async () => {
      finish({ org: ORG, loadedAt: NOW, count: 3 });
      await started;
    });
    // The load's subscription ends with it.
    expect(events.watching().filter((org) => org === ORG)).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('3 of 3 tokens');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it.each([
    ['shows a fresh cache and leaves it', 5 * 60_000, [false]],
    ['shows a stale cache at once, then refreshes it from GitHub', 20 * 60_000, [false, true]],
  ])('%s', async (_name, age, refreshes) => {
    const seen: boolean[] = [];
    let cached = manyTokens(3).map(toWire);
    let loadedAt = NOW - age;
    const lists = listHandlers(() => ({ [ORG]: cached }), NOW);
    const { store } = mountWith(
      orgHandlers([], {
        ...lists,
        'grants.load': ({ refresh }) => {
          seen.push(refresh);
          if (refresh) {
            cached = manyTokens(4).map(toWire);
            loadedAt = NOW;
          }
          return { org: ORG, loadedAt, count: cached.length };
        },
      }),
    );
    await act(() => store.getState().start());
    expect(seen).toEqual(refreshes);
    expect(screen.getByRole('status').textContent).toBe(
      refreshes.length === 2 ? '4 of 4 tokens' : '3 of 3 tokens',
    );
  });

  it("shows the worker's error and tries again", async () => {
    const user = userEvent.setup();
    let fail = true;
    const { store } = mountWith(
      orgHandlers(manyTokens(2), {
        'grants.load': ({ org }) =>
          fail
            ? new Fail({
                code: 'missing_permission',
                message: 'The App lacks "Personal access tokens: read".',
              })
            : { org, loadedAt: NOW, count: 2 },
      }),
    );
    await act(() => store.getState().start());
    expect(screen.getByRole('alert').textContent).toContain('The App lacks "Personal access tokens: read".');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('2 of 2 tokens'));
  });

  it('says when the org has no tokens, and reloads from GitHub on Reload', async () => {
    const user = userEvent.setup();
    const { calls } = await renderPanel([]);
    expect(screen.getByRole('region', { name: 'PATrol' }).textContent).toMatch(/No active tokens/);
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.type === 'grants.load').map((c) => c.input)).toEqual([
        { org: ORG, refresh: false },
        { org: ORG, refresh: true },
      ]),
    );
  });
});
