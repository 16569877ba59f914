// An open panel picks up credentials saved on the options page without a reload (issue 13
// item 7): it starts again when its frame is shown or focused while it still waits for them.
import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Panel } from '../../components/panel/Panel';
import { restartWhenShown } from '../../components/panel/recheck';
import { createPanelStore } from '../../components/panel/store';
import { fakeWatch } from '../support/fake-worker';
import { fakeSend, manyTokens, NOW, ORG, orgHandlers, SETTINGS } from './panel-fixtures';

let stop = () => {};
afterEach(() => {
  stop();
  cleanup();
});

function mount() {
  let configured = false;
  const handlers = orgHandlers(manyTokens(4), {
    'settings.get': () => (configured ? SETTINGS : { ...SETTINGS, mode: null }),
  });
  const { send, calls } = fakeSend(handlers);
  const store = createPanelStore(ORG, { send, watch: fakeWatch().watch, now: () => NOW });
  render(<Panel store={store} viewportHeight={480} />);
  stop = restartWhenShown(store);
  return { store, calls, configure: () => (configured = true) };
}

describe('new credentials reach an open panel', () => {
  it('starts again when the page is shown after credentials were saved elsewhere', async () => {
    const { store, configure } = mount();
    await act(() => store.getState().start());
    expect(screen.getByRole('region', { name: 'PATrol' }).textContent).toMatch(/Connect PATrol to GitHub/);
    configure(); // the owner saves credentials on the options page
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('4 of 4 tokens'));
  });

  it('leaves a loaded panel alone when it is focused again', async () => {
    const { store, calls, configure } = mount();
    configure();
    await act(() => store.getState().start());
    await waitFor(() => expect(store.getState().status).toBe('ready'));
    const before = calls.length;
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(calls.length).toBe(before);
  });
});
