// The link between the content script (in GitHub's page) and the panel frame (an extension
// page). Everything on it is what the page itself can see or cause anyway: the org and the
// filter query (both in the page URL), the colour theme (GitHub's <html> attributes), the
// page's height, `/` pressed on the page, and the frame's height. No token data ever crosses
// it, and nothing on it can start, widen or confirm a revocation (PRODUCT.md "Surfaces").
//
// The content script opens it: a MessageChannel whose port it hands to the frame once per
// frame load. The iframe sits in a closed shadow root, so the page has no reference to the
// frame's window (Chromium leaves shadow-tree frames out of window.frames) and cannot post
// to it; the content script only listens on its own port, never on the page's window.
// This file is imported by both sides: keep it tiny and dependency-free.

export const PANEL_PAGE = '/panel.html';
/** The requests panel's page (entrypoints/requests-panel/), framed the same way. */
export const REQUESTS_PANEL_PAGE = '/requests-panel.html';
export const LINK_HELLO = 'patrol-panel-link';

/** GitHub's colour settings, as its <html> carries them. */
export interface Theme {
  mode: string;
  light: string;
  dark: string;
}

export const THEME_ATTRIBUTES = {
  mode: 'data-color-mode',
  light: 'data-light-theme',
  dark: 'data-dark-theme',
} as const;

/** From the content script to the frame. */
export type ToFrame =
  | { kind: 'hash'; query: string }
  | { kind: 'focus' }
  | { kind: 'theme'; theme: Theme }
  | { kind: 'viewport'; height: number };

/** From the frame to the content script. */
export type ToPage = { kind: 'height'; height: number } | { kind: 'query'; query: string };

/** The filter query is short text; anything longer is not ours (the router caps it too). */
export const MAX_QUERY = 2_000;
const THEME_VALUE = /^[a-z][a-z0-9_-]{0,39}$/;
const MAX_PIXELS = 100_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const isQuery = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_QUERY;
const isPixels = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_PIXELS;

/** A theme value GitHub could plausibly set ("dark_dimmed", "auto"), else the default. */
export function cleanTheme(raw: Partial<Record<keyof Theme, unknown>>): Theme {
  const pick = (value: unknown, fallback: string) =>
    typeof value === 'string' && THEME_VALUE.test(value) ? value : fallback;
  return { mode: pick(raw.mode, 'auto'), light: pick(raw.light, 'light'), dark: pick(raw.dark, 'dark') };
}

export function parseToFrame(data: unknown): ToFrame | null {
  if (!isRecord(data)) return null;
  switch (data.kind) {
    case 'hash':
      return isQuery(data.query) ? { kind: 'hash', query: data.query } : null;
    case 'focus':
      return { kind: 'focus' };
    case 'theme':
      return isRecord(data.theme) ? { kind: 'theme', theme: cleanTheme(data.theme) } : null;
    case 'viewport':
      return isPixels(data.height) ? { kind: 'viewport', height: data.height } : null;
    default:
      return null;
  }
}

export function parseToPage(data: unknown): ToPage | null {
  if (!isRecord(data)) return null;
  if (data.kind === 'height' && isPixels(data.height)) return { kind: 'height', height: data.height };
  if (data.kind === 'query' && isQuery(data.query)) return { kind: 'query', query: data.query };
  return null;
}

export interface FrameParams {
  org: string;
  query: string;
  theme: Theme;
  /** A grant whose details open once the list is loaded (a link from the popup). */
  open?: number | null;
}

/** The frame's own URL carries what it starts from; the page cannot change it afterwards. */
export function frameSearch({ org, query, theme, open }: FrameParams): string {
  const params = new URLSearchParams({ org, q: query.slice(0, MAX_QUERY), ...theme });
  if (open) params.set('open', String(open));
  return `?${params}`;
}

/** The org is checked by the caller (lib/page's rule); the rest is cleaned here. */
export function readFrameSearch(search: string): FrameParams {
  const params = new URLSearchParams(search);
  return {
    org: params.get('org') ?? '',
    query: (params.get('q') ?? '').slice(0, MAX_QUERY),
    theme: cleanTheme({ mode: params.get('mode'), light: params.get('light'), dark: params.get('dark') }),
    open: /^[1-9][0-9]{0,15}$/.test(params.get('open') ?? '') ? Number(params.get('open')) : null,
  };
}
