// The panel frame's end of components/panel/frame-link.ts. What arrives here is treated as
// page-controlled (it is, through the content script): it can set the filter the way the URL
// hash can, focus the filter box, and set the colours. It can never touch the revocation
// dialog: while the dialog is open a hash change waits, and the dialog's list was frozen
// when it opened anyway (RevokeDialog.tsx).

import type { StoreApi } from 'zustand/vanilla';
import {
  LINK_HELLO,
  parseToFrame,
  THEME_ATTRIBUTES,
  type Theme,
  type ToFrame,
  type ToPage,
} from './frame-link';

export function applyTheme(html: HTMLElement, theme: Theme): void {
  for (const key of Object.keys(THEME_ATTRIBUTES) as (keyof Theme)[]) {
    html.setAttribute(THEME_ATTRIBUTES[key], theme[key]);
  }
}

/** The filter box, found by its accessible name (PRODUCT.md "The panel", "Pending requests"). */
const FILTER =
  'input[aria-label="Filter tokens"], input[aria-label="Filter requests"], input[aria-label="Filter credentials"]';

/** What the link needs of a panel's store: the Active tokens and the requests panels both have it. */
type LinkedStore = Pick<
  StoreApi<{ query: string; dialog: string; setQuery(text: string): void }>,
  'getState' | 'subscribe'
>;

export function linkToParent(store: LinkedStore, win: Window = window): () => void {
  const doc = win.document;
  let port: MessagePort | null = null;
  let pendingHash: string | null = null;
  let lastHeight = -1;
  const post = (message: ToPage) => port?.postMessage(message);
  /** The query the content script was last sent, and the task that will send the next one. */
  let postedQuery: string | null = null;
  let queryTimer: ReturnType<typeof setTimeout> | null = null;
  const sendQuery = () => {
    queryTimer = null;
    const { query } = store.getState();
    if (!port || query === postedQuery) return;
    postedQuery = query;
    post({ kind: 'query', query });
  };

  const setQueryFromPage = (query: string) => {
    if (store.getState().dialog !== 'closed') {
      pendingHash = query;
      return;
    }
    pendingHash = null;
    if (store.getState().query !== query) store.getState().setQuery(query);
  };

  const handle = (message: ToFrame) => {
    switch (message.kind) {
      case 'hash':
        return setQueryFromPage(message.query);
      case 'focus':
        // The box of the tab the owner sees (PanelTabs hides the other).
        return [...doc.querySelectorAll<HTMLInputElement>(FILTER)]
          .find((box) => !box.closest('[hidden]'))
          ?.focus();
      case 'theme':
        return applyTheme(doc.documentElement, message.theme);
      case 'viewport':
        return doc.documentElement.style.setProperty('--patrol-page-height', `${message.height}px`);
    }
  };

  const reportHeight = () => {
    const height = Math.ceil(doc.documentElement.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ kind: 'height', height });
  };

  // Only the first hello from our parent window opens the link; the content script sends
  // one per frame load. Nothing else posted to this window is ever read.
  const onHello = (event: MessageEvent) => {
    if (port || event.source !== win.parent || win.parent === win) return;
    const data = event.data as { patrol?: unknown } | null;
    if (data?.patrol !== LINK_HELLO || !event.ports[0]) return;
    port = event.ports[0];
    port.onmessage = (message) => {
      const parsed = parseToFrame(message.data);
      if (parsed) handle(parsed);
    };
    lastHeight = -1;
    reportHeight();
    postedQuery = null;
    sendQuery();
  };
  win.addEventListener('message', onHello);

  const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(reportHeight) : null;
  resize?.observe(doc.documentElement);

  const unsubscribe = store.subscribe((state, prev) => {
    // The hash follows the box in the task right after the keystroke's, as the status paints
    // (the content script's replaceState is a process hop away either way), so it is current
    // whenever the status is; but the message, milliseconds of a keystroke at 50,000 tokens
    // (a cross-process port), is no longer between the key and the rows. Changes within one
    // task send one message with the last query, and none when it ends where it started.
    if (state.query !== prev.query && queryTimer === null) queryTimer = setTimeout(sendQuery, 0);
    // A hash change that arrived while the dialog was open applies once it has closed.
    if (state.dialog === 'closed' && prev.dialog !== 'closed' && pendingHash !== null) {
      setQueryFromPage(pendingHash);
    }
  });

  return () => {
    win.removeEventListener('message', onHello);
    resize?.disconnect();
    unsubscribe();
    if (queryTimer !== null) clearTimeout(queryTimer);
    port?.close();
  };
}
