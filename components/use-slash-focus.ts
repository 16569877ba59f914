// `/` outside a text field focuses the filter box the owner can see, as on GitHub. Each filter
// box (tokens, requests, SSO credentials) uses this; a box in a hidden tab (PanelTabs) ignores
// the key, so `/` on the SSO tab focuses the SSO filter, not the hidden tokens one.
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

const EDITABLE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/** The focused element, looking into open shadow roots and into ours (even if it were closed). */
function deepActive(own: Document | ShadowRoot): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return own instanceof ShadowRoot && own.activeElement ? own.activeElement : el;
}

export function useSlashFocus(input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const box = input.current;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || !box) return;
      if (box.closest('[hidden]')) return;
      const active = deepActive(box.getRootNode() as Document | ShadowRoot);
      if (active?.matches(EDITABLE)) return;
      // Capture phase on window: runs before GitHub's own `/` (its global search) and stops it.
      event.preventDefault();
      event.stopImmediatePropagation();
      box.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [input]);
}
