// Places the panel's frame once (idempotently) when the URL is an Active tokens page and
// removes it when GitHub navigates elsewhere; keeps the URL hash and the frame's filter in
// step; relays `/`, the colour theme and the page's height. Reconciles are serialised:
// wxt:locationchange and turbo:load often arrive together for one navigation.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { THEME_ATTRIBUTES } from '../../components/panel/frame-link';
import { type PanelPage, settingsPage } from '../../lib/page';
import { readHashOpen, readHashQuery, withHashQuery } from '../../lib/page-hash';
import { findPanelAnchor } from '../../lib/selectors';
import { createPanelFrame, type PanelFrame, pageTheme } from './frame';

interface Mounted {
  org: string;
  page: PanelPage;
  frame: PanelFrame;
  /** The frame's filter as it last told us (or as we last told it). */
  query: string;
}

/** Inserts the frame before GitHub's token list, or at the top of main (and says why). */
function place(host: Element): void {
  const anchor = findPanelAnchor();
  // moveBefore keeps a frame that is already in the page alive (a plain move reloads it).
  const parent = anchor.append === 'before' ? anchor.element.parentElement : anchor.element;
  const before = anchor.append === 'before' ? anchor.element : anchor.element.firstChild;
  if (anchor.append !== 'before') {
    console.info(
      `[PATrol] GitHub's token list was not found (see lib/selectors.ts); the panel is at the top of <${anchor.found}>.`,
    );
  }
  if (!parent) return;
  const movable = parent as Element & { moveBefore?: (node: Node, child: Node | null) => void };
  if (host.isConnected && movable.moveBefore) movable.moveBefore(host, before);
  else parent.insertBefore(host, before);
}

/** Whether the frame is still in the page, and before the list when the list exists. */
function placedWell(host: HTMLElement): boolean {
  if (!host.isConnected) return false;
  const anchor = findPanelAnchor();
  return anchor.append !== 'before' || host.nextElementSibling === anchor.element;
}

// Chromium stops a page that changes its history state more than 200 times in 10 s; one
// write per 50 ms stays under that even when typing fast, and lags the box by at most that.
const HASH_GAP_MS = 50;

const EDITABLE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

function deepActive(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

export function createPanelMount(ctx: ContentScriptContext) {
  let current: Mounted | null = null;
  let chain: Promise<void> = Promise.resolve();
  let lastWrite = 0;
  let hashTimer: number | undefined;

  function writeHash(): void {
    clearTimeout(hashTimer);
    const wait = lastWrite + HASH_GAP_MS - Date.now();
    if (wait > 0) {
      hashTimer = ctx.setTimeout(writeHash, wait);
      return;
    }
    if (!current) return;
    const hash = withHashQuery(location.hash, current.query);
    if (hash === location.hash || (hash === '' && location.hash === '#')) return;
    const url = new URL(location.href);
    url.hash = hash;
    lastWrite = Date.now();
    // replaceState: typing must not fill the history; Turbo's state object is kept.
    history.replaceState(history.state, '', url.href);
  }

  function unmount(): void {
    clearTimeout(hashTimer);
    current?.frame.host.remove();
    current = null;
  }

  function mount(org: string, page: PanelPage): void {
    const mounted: Mounted = {
      org,
      page,
      query: readHashQuery(location.hash),
      frame: null as unknown as PanelFrame,
    };
    mounted.frame = createPanelFrame(
      org,
      mounted.query,
      {
        onQuery(query) {
          if (current !== mounted) return;
          mounted.query = query;
          writeHash();
        },
      },
      page,
      // Only the Active tokens panel opens a token's details from the popup's link.
      page === 'active' ? readHashOpen(location.hash) : null,
    );
    current = mounted;
    place(mounted.frame.host);
  }

  function step(url: URL): void {
    if (!ctx.isValid) return;
    // A Blob download briefly shows as a blob: location to WXT's URL watcher; it is not a
    // navigation, and removing the frame would throw away the owner's selection.
    if (url.protocol !== 'https:') return;
    // This script runs only where PATrol put it: github.com, or the configured GHES host
    // (lib/worker/ghes-content-script.ts registers it for that host alone).
    const found = settingsPage(url, [location.host]);
    const org = found?.org;
    if (current && (current.org.toLowerCase() !== org?.toLowerCase() || current.page !== found?.page))
      unmount();
    if (!found || !org) return;
    if (!current) {
      mount(org, found.page);
      return;
    }
    // Turbo swapped the page under the frame: put it back. Out of the page it lost its
    // document, so it reloads, from the filter as it is now.
    const { frame } = current;
    if (placedWell(frame.host)) return;
    if (!frame.host.isConnected) frame.startFrom(current.query);
    place(frame.host);
  }

  // GitHub's theme picker changes these attributes in place; the frame follows.
  const themeObserver = new MutationObserver(() =>
    current?.frame.send({ kind: 'theme', theme: pageTheme() }),
  );
  themeObserver.observe(document.documentElement, { attributeFilter: Object.values(THEME_ATTRIBUTES) });
  ctx.addEventListener(window, 'resize', () =>
    current?.frame.send({ kind: 'viewport', height: window.innerHeight }),
  );
  // An extension update or reload invalidates this script: take the frame away too.
  ctx.onInvalidated(() => {
    themeObserver.disconnect();
    unmount();
  });

  return {
    reconcile(url: URL): void {
      chain = chain
        .then(() => step(url))
        .catch((error) => console.error('[PATrol] placing the panel failed', error));
    },
    /** Back/forward or an edited hash: the URL wins over the box. */
    syncHash(): void {
      const query = readHashQuery(location.hash);
      if (!current || current.query === query) return;
      current.query = query;
      current.frame.send({ kind: 'hash', query });
    },
    /** `/` anywhere on the page (outside a text field) focuses the panel's filter box. */
    onKey(event: KeyboardEvent): void {
      if (!current || event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      // Only the owner's own keys: a page script's synthetic event moves no focus.
      if (!event.isTrusted || deepActive()?.matches(EDITABLE)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      current.frame.focus();
    },
  };
}
