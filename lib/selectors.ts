// The ONE list of GitHub page selectors PATrol depends on. GitHub changes its markup without
// notice, so every entry names what it targets and when it was last seen, and callers go
// through the helpers below, which try each candidate in order and never throw.

export interface SelectorCandidate {
  selector: string;
  /** What the selector matches and when it was last checked against GitHub. */
  seen: string;
}

/**
 * GitHub's list of active tokens on /organizations/{org}/settings/personal-access-tokens/active.
 * The panel is inserted before it so GitHub's own list stays usable underneath.
 */
export const TOKEN_LIST: readonly SelectorCandidate[] = [
  // Primer settings layout: the list Box right after the page's Subhead.
  { selector: '.Layout-main .Subhead ~ .Box', seen: '2025-06 github.com org settings (Primer Layout)' },
  { selector: '#js-pjax-container .Subhead ~ .Box', seen: '2024-01 github.com before the Primer Layout' },
];

/** Heading GitHub puts above the list: the first `.Box` after it is the list. Tried second. */
export const TOKEN_LIST_HEADING = /^\s*Active tokens\s*$/i;

/** Tried last: any Box list in the main content (also what tests/fake-github renders). */
export const TOKEN_LIST_LOOSE: readonly SelectorCandidate[] = [
  // TODO(2026-06): drop once the entries above have held for a year.
  { selector: 'main .Box', seen: '2025-06 settings pages with one Box list; tests/fake-github' },
];

/** Where the panel goes when the list cannot be found: the top of the page's main content. */
export const MAIN_CONTENT: readonly SelectorCandidate[] = [
  { selector: 'main', seen: '2025-06 github.com (application-main)' },
  { selector: '#js-pjax-container', seen: '2024-01 github.com' },
];

function first(root: ParentNode, candidates: readonly SelectorCandidate[]): Element | null {
  for (const { selector } of candidates) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

/** The first `.Box` after a heading reading "Active tokens", in document order. */
function boxAfterHeading(root: ParentNode): Element | null {
  for (const heading of root.querySelectorAll('h1, h2, h3')) {
    if (!TOKEN_LIST_HEADING.test(heading.textContent ?? '')) continue;
    for (const box of root.querySelectorAll('.Box')) {
      if (heading.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) return box;
    }
  }
  return null;
}

export type PanelAnchor =
  | { element: Element; append: 'before'; found: 'token-list' }
  | { element: Element; append: 'first'; found: 'main' | 'body' };

/** Where to insert the panel: before GitHub's token list, else first in main, else first in body. */
export function findPanelAnchor(doc: Document = document): PanelAnchor {
  const list = first(doc, TOKEN_LIST) ?? boxAfterHeading(doc) ?? first(doc, TOKEN_LIST_LOOSE);
  if (list) return { element: list, append: 'before', found: 'token-list' };
  const main = first(doc, MAIN_CONTENT);
  if (main) return { element: main, append: 'first', found: 'main' };
  return { element: doc.body, append: 'first', found: 'body' };
}
