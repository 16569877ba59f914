// Mounts the panel once (idempotently) when the URL is an Active tokens page and removes it
// when GitHub navigates elsewhere. Reconciles are serialised: wxt:locationchange and
// turbo:load often arrive together for one navigation.
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { readHashQuery, withHashQuery } from '../../components/panel/hash';
import { Panel } from '../../components/panel/Panel';
import { createPanelStore, type PanelStore } from '../../components/panel/store';
import { send } from '../../lib/messaging';
import { activeTokensOrg, panelWebHosts } from '../../lib/page';
import { watchProgress } from '../../lib/progress';
import { findPanelAnchor } from '../../lib/selectors';

interface Mounted {
  org: string;
  ui: ShadowRootContentScriptUi<void>;
  store: PanelStore;
  unsubscribe: () => void;
}

async function webHostsFor(url: URL): Promise<string[]> {
  // github.com needs no settings; a GHES page is only ours when it is the configured host.
  if (url.host === 'github.com') return ['github.com'];
  const reply = await send('settings.get', {});
  return panelWebHosts(reply.ok ? reply.data.webHost : null);
}

/** Inserts the panel before GitHub's token list, or at the top of main (and says why). */
function place(_anchor: Element, host: Element): void {
  const anchor = findPanelAnchor();
  if (anchor.append === 'before') anchor.element.before(host);
  else {
    console.info(
      `[PATrol] GitHub's token list was not found (see lib/selectors.ts); the panel is at the top of <${anchor.found}>.`,
    );
    anchor.element.prepend(host);
  }
}

/** Whether the panel is still in the page, and before the list when the list exists. */
function placedWell(host: HTMLElement): boolean {
  if (!host.isConnected) return false;
  const anchor = findPanelAnchor();
  return anchor.append !== 'before' || host.nextElementSibling === anchor.element;
}

const HASH_DELAY_MS = 300;

function writeHash(query: string): void {
  const hash = withHashQuery(location.hash, query);
  if (hash === location.hash || (hash === '' && location.hash === '#')) return;
  const url = new URL(location.href);
  url.hash = hash;
  // replaceState: typing must not fill the history; Turbo's state object is kept.
  history.replaceState(history.state, '', url.href);
}

export function createPanelMount(ctx: ContentScriptContext) {
  let current: Mounted | null = null;
  let chain: Promise<void> = Promise.resolve();

  function unmount(): void {
    if (!current) return;
    current.unsubscribe();
    current.store.getState().dispose();
    current.ui.remove();
    current = null;
  }

  async function mount(org: string): Promise<void> {
    const store = createPanelStore(org, { send, watch: watchProgress, now: () => Date.now() });
    store.getState().setQuery(readHashQuery(location.hash));
    const ui = await createShadowRootUi<void>(ctx, {
      name: 'patrol-panel',
      position: 'inline',
      anchor: () => document.body,
      append: place,
      // Open, not closed: Playwright (the e2e suite) and other tooling cannot reach into a
      // closed root, and isolation from GitHub's own scripts buys nothing (it is their data).
      mode: 'open',
      // Keys typed in the panel must not reach GitHub's hotkeys (their target is our host).
      isolateEvents: true,
      onMount: (container) => {
        // Content scripts have no runtime.openOptionsPage in Chrome: the worker opens it.
        render(<Panel store={store} onOpenOptions={() => void send('options.open', {})} />, container);
      },
      onRemove: () => {
        render(null, ui.uiContainer);
      },
    });
    // The hash follows the box after a pause in typing: Chrome throttles a page that calls
    // history.replaceState on every keystroke, and nobody bookmarks a half-typed query.
    let hashTimer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribeHash = store.subscribe((state, prev) => {
      if (state.query === prev.query) return;
      clearTimeout(hashTimer);
      hashTimer = setTimeout(() => writeHash(store.getState().query), HASH_DELAY_MS);
    });
    const unsubscribe = () => {
      clearTimeout(hashTimer);
      unsubscribeHash();
    };
    current = { org, ui, store, unsubscribe };
    ui.mount();
    void store.getState().start();
  }

  async function step(url: URL): Promise<void> {
    if (!ctx.isValid) return;
    // A Blob download (our CSV) briefly shows as a blob: location to WXT's URL watcher; it
    // is not a navigation, and unmounting would throw away the owner's selection.
    if (url.protocol !== 'https:') return;
    const org = activeTokensOrg(url, await webHostsFor(url));
    if (current && current.org.toLowerCase() !== org?.toLowerCase()) unmount();
    if (!org) return;
    if (!current) return mount(org);
    // Turbo swapped the page under the panel: put the same panel (and its state) back.
    if (!placedWell(current.ui.shadowHost)) current.ui.mount();
  }

  // An extension update or reload invalidates this script: stop the store's polls too.
  ctx.onInvalidated(unmount);

  return {
    reconcile(url: URL): void {
      chain = chain.then(() => step(url)).catch((error) => console.error('[PATrol] mounting failed', error));
    },
    /** Back/forward or an edited hash: the URL wins over the box. */
    syncHash(): void {
      const query = readHashQuery(location.hash);
      if (current && current.store.getState().query !== query) current.store.getState().setQuery(query);
    },
  };
}
