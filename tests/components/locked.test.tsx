// The locked state on the popup and the panel: "PATrol is locked", textbox "Passphrase" and
// button "Unlock"; no cached token shows until the worker says it is unlocked. The popup may
// read its cache (plain IndexedDB, as readable to it locked as unlocked) before the answer: what
// it read while locked is never shown, and it reads afresh once unlocked.
import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '../../components/panel/Panel';
import { createPanelStore } from '../../components/panel/store';
import { Popup } from '../../components/popup/Popup';
import { createPopupStore } from '../../components/popup/store';
import type { PublicSettings } from '../../lib/protocol';
import { toWire } from '../../lib/tokens';
import { makeToken } from '../lib/token-factory';
import { Fail, fakeSend, fakeWatch, listHandlers, SETTINGS } from '../support/fake-worker';
import { NOW, ORG } from './panel-fixtures';

afterEach(cleanup);

const TOKEN = makeToken({ tokenName: 'deploy-prod', ownerLogin: 'alice' });
const WRONG = new Fail({
  code: 'wrong_passphrase',
  message: 'That passphrase is wrong: PATrol is still locked.',
});

/** A worker that is locked until it is sent "correct horse". */
function lockedWorker(lock: PublicSettings['lock'] = 'locked') {
  let state = lock;
  let readsWhileLocked = 0;
  const settings = () => ({ ...SETTINGS, lock: state });
  const locked = new Fail({ code: 'locked', message: 'PATrol is locked. Unlock it, then try again.' });
  const lists = listHandlers(() => ({ [ORG]: [toWire(TOKEN)] }), NOW);
  const relock = () => {
    state = 'locked';
  };
  const whenUnlocked =
    <I, O>(handler: ((input: I) => O) | undefined) =>
    (input: I) =>
      state === 'unlocked' && handler ? handler(input) : locked;
  return {
    relock,
    readsWhileLocked: () => readsWhileLocked,
    readCache: async () => {
      if (state !== 'unlocked') readsWhileLocked++;
      return {
        orgs: [{ org: ORG, loadedAt: NOW, count: 1 }],
        lists: [{ org: ORG, tokens: [toWire(TOKEN)], loadedAt: NOW }],
      };
    },
    ...fakeSend({
      'settings.get': settings,
      unlock: ({ passphrase }: { passphrase: string }) => {
        if (passphrase !== 'correct horse') return WRONG;
        state = 'unlocked';
        return settings();
      },
      'grants.load': whenUnlocked(lists['grants.load']),
      'grants.read': whenUnlocked(lists['grants.read']),
      'jobs.latest': () => null,
    } as never),
  };
}

describe('popup', () => {
  it('is locked, says a wrong passphrase is wrong, and shows the cache once unlocked', async () => {
    const { send, calls, readCache, readsWhileLocked } = lockedWorker();
    const controller = createPopupStore({
      send,
      watch: fakeWatch().watch,
      readCache,
      openTab: vi.fn(),
      openOptions: vi.fn(),
      now: () => NOW,
    });
    render(<Popup controller={controller} />);
    await act(() => controller.init());
    expect(screen.getByRole('heading', { name: 'PATrol is locked' })).toBeTruthy();
    expect(calls.some((call) => call.type.startsWith('grants.'))).toBe(false);
    // Read while the answer was awaited, and not shown.
    expect(readsWhileLocked()).toBe(1);
    expect(screen.queryByText(/deploy-prod/)).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Search tokens' })).toBeNull();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Passphrase'), 'wrong horse');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/passphrase is wrong/);
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('textbox', { name: 'Search tokens' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'PATrol is locked' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Search tokens' }), 'deploy');
    // By text content: happy-dom computes names as if <mark> were a block.
    await waitFor(() => expect(screen.getByRole('option').textContent).toMatch(/deploy-prod/));
  });
});

describe('panel', () => {
  async function mount(lock: PublicSettings['lock']) {
    const { send, calls, relock } = lockedWorker(lock);
    const store = createPanelStore(ORG, { send, watch: fakeWatch().watch, now: () => NOW });
    render(<Panel store={store} viewportHeight={480} />);
    await act(() => store.getState().start());
    return { store, calls, relock };
  }

  it('is locked, and loads the tokens once unlocked', async () => {
    const { calls } = await mount('locked');
    expect(screen.getByRole('heading', { name: 'PATrol is locked' })).toBeTruthy();
    expect(screen.queryByLabelText('Confirm passphrase')).toBeNull();
    expect(calls.some((call) => call.type === 'grants.load')).toBe(false);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(screen.getByText('deploy-prod')).toBeTruthy());
  });

  it('asks for the passphrase twice when one is still to be chosen', async () => {
    const { calls } = await mount('setup');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse');
    await user.type(screen.getByLabelText('Confirm passphrase'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() =>
      expect(calls.find((call) => call.type === 'unlock')?.input).toEqual({
        passphrase: 'correct horse',
        confirm: 'correct horse',
      }),
    );
  });

  it('locks when the worker answers "locked" (the browser restarted), dropping the tokens shown', async () => {
    const { store, relock } = await mount('unlocked');
    await waitFor(() => expect(screen.getByText('deploy-prod')).toBeTruthy());
    relock();
    await act(() => store.getState().load(true));
    expect(screen.getByRole('heading', { name: 'PATrol is locked' })).toBeTruthy();
    expect(screen.queryByText('deploy-prod')).toBeNull();
  });
});
