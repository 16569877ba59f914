// The panel's frame in the page: an extension page in an iframe inside a CLOSED shadow root
// (Bitwarden's inline-menu model). The page's scripts can see the host element, but not the
// iframe, its URL or its window; what the panel shows and its controls live in the extension's
// own origin, out of the page's reach. This side only sizes the frame and carries the few
// page-level facts of components/panel/frame-link.ts.
import { browser } from 'wxt/browser';
import {
  frameSearch,
  LINK_HELLO,
  PANEL_PAGE,
  parseToPage,
  REQUESTS_PANEL_PAGE,
  THEME_ATTRIBUTES,
  type Theme,
  type ToFrame,
} from '../../components/panel/frame-link';

export interface PanelFrame {
  host: HTMLElement;
  send(message: ToFrame): void;
  /** Gives the frame the keyboard focus (the frame then focuses its filter box). */
  focus(): void;
  /** A frame taken out of the page reloads when put back: from this query, not its first. */
  startFrom(query: string): void;
}

export interface FrameEvents {
  /** The owner changed the filter inside the frame. */
  onQuery(query: string): void;
}

export function pageTheme(): Theme {
  const html = document.documentElement;
  return {
    mode: html.getAttribute(THEME_ATTRIBUTES.mode) ?? 'auto',
    light: html.getAttribute(THEME_ATTRIBUTES.light) ?? 'light',
    dark: html.getAttribute(THEME_ATTRIBUTES.dark) ?? 'dark',
  };
}

const EXTENSION_ORIGIN = () => new URL(browser.runtime.getURL('/')).origin;

/** Before the frame says how tall it is: about the height of its "Starting…" state. */
const INITIAL_HEIGHT = 96;

export function createPanelFrame(
  org: string,
  query: string,
  events: FrameEvents,
  page: 'active' | 'requests' = 'active',
  open: number | null = null,
): PanelFrame {
  const host = document.createElement('patrol-panel');
  host.style.cssText = 'display:block;margin-bottom:16px';
  const root = host.attachShadow({ mode: 'closed' });
  const iframe = document.createElement('iframe');
  iframe.title = 'PATrol';
  const startFrom = (start: string) => {
    const search = frameSearch({ org, query: start, theme: pageTheme(), open });
    const path = page === 'requests' ? REQUESTS_PANEL_PAGE : PANEL_PAGE;
    iframe.src = browser.runtime.getURL(`${path}${search}` as '/');
  };
  startFrom(query);
  // color-scheme normal: Chromium paints an opaque backdrop under a frame whose colour
  // scheme differs from its parent's; the panel paints its own background anyway.
  iframe.style.cssText = `display:block;width:100%;height:${INITIAL_HEIGHT}px;border:0;color-scheme:normal`;
  root.append(iframe);

  let port: MessagePort | null = null;
  const send = (message: ToFrame) => port?.postMessage(message);
  // A frame that is moved or re-inserted loads again: each load gets a fresh channel.
  iframe.addEventListener('load', () => {
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = (event) => {
      const message = parseToPage(event.data);
      if (message?.kind === 'height') iframe.style.height = `${Math.ceil(message.height)}px`;
      else if (message?.kind === 'query') events.onQuery(message.query);
    };
    // The frame's document has the extension's own origin (Chromium serves the per-session
    // URL from it): only a PATrol page can receive the port.
    iframe.contentWindow?.postMessage({ patrol: LINK_HELLO }, EXTENSION_ORIGIN(), [channel.port2]);
    send({ kind: 'viewport', height: window.innerHeight });
    send({ kind: 'theme', theme: pageTheme() });
  });

  return {
    host,
    send,
    startFrom,
    focus() {
      iframe.focus();
      send({ kind: 'focus' });
    },
  };
}
