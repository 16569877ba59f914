// The panel frame's link to the content script (components/panel/frame-link.ts and
// parent-link.ts): only the parent window's first hello opens it, everything on it is
// validated, and nothing from the page alters an open revocation dialog.
import { describe, expect, it } from 'vitest';
import {
  cleanTheme,
  frameSearch,
  LINK_HELLO,
  MAX_QUERY,
  parseToFrame,
  parseToPage,
  readFrameSearch,
} from '../../components/panel/frame-link';
import { linkToParent } from '../../components/panel/parent-link';
import { createPanelStore } from '../../components/panel/store';
import { fakeSend, fakeWatch } from '../support/fake-worker';
import { NOW, ORG } from './panel-fixtures';

/** A frame window whose parent is another window, with the listeners it registers. */
function frameWindow() {
  const listeners: ((event: MessageEvent) => void)[] = [];
  const parent = {} as Window;
  const win = {
    document,
    parent,
    addEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.push(listener),
    removeEventListener: () => undefined,
  } as unknown as Window;
  const deliver = (source: unknown, data: unknown, ports: MessagePort[] = []) => {
    for (const listener of listeners) listener({ source, data, ports } as unknown as MessageEvent);
  };
  return { win, parent, deliver };
}

/** The frame's end of a channel, and what the content script's end receives. */
function channel() {
  const { port1, port2 } = new MessageChannel();
  const received: unknown[] = [];
  port1.onmessage = (event) => received.push(event.data);
  return { cs: port1, frame: port2, received };
}

// The link's query message waits for the task after a change (parent-link.ts), then crosses a port.
const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 20));
};

function setUp() {
  const store = createPanelStore(ORG, { send: fakeSend({}).send, watch: fakeWatch().watch, now: () => NOW });
  const frame = frameWindow();
  const stop = linkToParent(store, frame.win);
  return { store, ...frame, stop };
}

describe('the link messages', () => {
  it('accepts only well-formed messages of known kinds', () => {
    expect(parseToFrame({ kind: 'hash', query: 'owner:bob' })).toEqual({ kind: 'hash', query: 'owner:bob' });
    expect(parseToFrame({ kind: 'hash', query: 'x'.repeat(MAX_QUERY + 1) })).toBeNull();
    expect(parseToFrame({ kind: 'hash', query: 7 })).toBeNull();
    expect(parseToFrame({ kind: 'revoke', grantIds: [1] })).toBeNull();
    expect(parseToFrame({ patrol: 1, type: 'revoke.start', input: {} })).toBeNull();
    expect(parseToFrame({ kind: 'viewport', height: Number.POSITIVE_INFINITY })).toBeNull();
    expect(parseToFrame('focus')).toBeNull();
    expect(parseToPage({ kind: 'height', height: -1 })).toBeNull();
    expect(parseToPage({ kind: 'query', query: 'is:active' })).toEqual({ kind: 'query', query: 'is:active' });
  });

  it('cleans theme values to what GitHub writes', () => {
    expect(cleanTheme({ mode: 'dark', light: 'light_high_contrast', dark: 'dark_dimmed' })).toEqual({
      mode: 'dark',
      light: 'light_high_contrast',
      dark: 'dark_dimmed',
    });
    expect(cleanTheme({ mode: '"><img src=x>', light: 3, dark: undefined })).toEqual({
      mode: 'auto',
      light: 'light',
      dark: 'dark',
    });
  });

  it('round-trips the frame URL', () => {
    const params = { org: ORG, query: 'name:"a&b" #x', theme: cleanTheme({ mode: 'dark' }) };
    expect(readFrameSearch(frameSearch(params))).toEqual({ ...params, open: null });
    expect(readFrameSearch(frameSearch({ ...params, open: 42 })).open).toBe(42);
    // Only a grant id: anything else the page put there is ignored.
    expect(readFrameSearch('?org=acme&open=1%3Bx').open).toBeNull();
  });
});

describe('linkToParent', () => {
  it('opens only on a hello from its parent window, and only once', async () => {
    const { store, parent, deliver } = setUp();
    const stranger = channel();
    deliver({}, { patrol: LINK_HELLO }, [stranger.frame]); // another window
    const real = channel();
    deliver(parent, { patrol: LINK_HELLO }, [real.frame]);
    const late = channel();
    deliver(parent, { patrol: LINK_HELLO }, [late.frame]); // a second hello, later
    store.getState().setQuery('owner:bob');
    await settle();
    expect(stranger.received).toEqual([]);
    expect(late.received).toEqual([]);
    expect(real.received).toContainEqual({ kind: 'query', query: 'owner:bob' });
  });

  it('sends the query once per task, after the keystroke, and not when it ends where it was', async () => {
    const { store, parent, deliver } = setUp();
    const real = channel();
    deliver(parent, { patrol: LINK_HELLO }, [real.frame]);
    await settle();
    expect(real.received.filter((m) => (m as { kind: string }).kind === 'query')).toEqual([
      { kind: 'query', query: '' },
    ]);
    real.received.length = 0;
    store.getState().setQuery('o');
    store.getState().setQuery('ow');
    store.getState().setQuery('owner:bob');
    await settle();
    expect(real.received).toEqual([{ kind: 'query', query: 'owner:bob' }]);
    store.getState().setQuery('owner:bo');
    store.getState().setQuery('owner:bob');
    await settle();
    expect(real.received).toEqual([{ kind: 'query', query: 'owner:bob' }]);
  });

  it('ignores what arrives on the window itself, link or not', async () => {
    const { store, parent, deliver } = setUp();
    const real = channel();
    deliver(parent, { patrol: LINK_HELLO }, [real.frame]);
    deliver(parent, { kind: 'hash', query: 'is:active' });
    await settle();
    expect(store.getState().query).toBe('');
  });

  it('applies a hash from the page, but not while the dialog is open: then once it closes', async () => {
    const { store, parent, deliver } = setUp();
    const link = channel();
    deliver(parent, { patrol: LINK_HELLO }, [link.frame]);
    link.cs.postMessage({ kind: 'hash', query: 'owner:bob' });
    await settle();
    expect(store.getState().query).toBe('owner:bob');

    store.setState({ selection: new Set([1]), dialog: 'confirm' });
    link.cs.postMessage({ kind: 'hash', query: '' });
    link.cs.postMessage({ kind: 'hash', query: 'is:active' });
    await settle();
    expect(store.getState().query).toBe('owner:bob');
    expect(store.getState().dialog).toBe('confirm');
    expect([...store.getState().selection]).toEqual([1]);

    store.getState().closeDialog();
    expect(store.getState().query).toBe('is:active');
  });

  it('follows the theme and the page height', async () => {
    const { parent, deliver } = setUp();
    const link = channel();
    deliver(parent, { patrol: LINK_HELLO }, [link.frame]);
    link.cs.postMessage({ kind: 'theme', theme: { mode: 'dark', light: 'light', dark: 'dark_dimmed' } });
    link.cs.postMessage({ kind: 'viewport', height: 900 });
    await settle();
    const html = document.documentElement;
    expect(html.getAttribute('data-color-mode')).toBe('dark');
    expect(html.getAttribute('data-dark-theme')).toBe('dark_dimmed');
    expect(html.style.getPropertyValue('--patrol-page-height')).toBe('900px');
  });

  it("focuses the filter box of the tab the owner sees, when the page's `/` asks", async () => {
    document.body.innerHTML = `
      <div hidden><input aria-label="Filter tokens"></div>
      <div><input aria-label="Filter credentials"></div>`;
    const { parent, deliver } = setUp();
    const link = channel();
    deliver(parent, { patrol: LINK_HELLO }, [link.frame]);
    link.cs.postMessage({ kind: 'focus' });
    await settle();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Filter credentials');
    document.body.innerHTML = '';
  });
});
