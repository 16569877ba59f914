// The Active tokens content script: wiring only. It runs on every org settings page
// because GitHub soft-navigates between them, and places the panel's frame only on /active;
// it places the requests panel on Pending requests (personal-access-token-requests).
// It holds no token data and sends the worker nothing (PRODUCT.md "Surfaces").
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createPanelMount } from './mount';

export default defineContentScript({
  matches: ['https://github.com/organizations/*/settings/*'],
  runAt: 'document_idle',
  main(ctx) {
    const panel = createPanelMount(ctx);
    // wxt:locationchange fires on history changes (our own hash updates included, which
    // reconcile ignores); turbo:load fires once GitHub has swapped in the new page's DOM.
    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      panel.reconcile(event.newUrl);
      // The event fires before GitHub swaps the DOM; look again once it has, in case no
      // turbo:load follows (GitHub's React pages navigate without Turbo).
      if (event.newUrl.pathname !== event.oldUrl.pathname) {
        ctx.setTimeout(() => panel.reconcile(new URL(location.href)), 1500);
      }
    });
    ctx.addEventListener(document, 'turbo:load', () => panel.reconcile(new URL(location.href)));
    ctx.addEventListener(window, 'hashchange', () => panel.syncHash());
    // Capture phase: runs before GitHub's own `/` (its global search) and can stop it.
    ctx.addEventListener(window, 'keydown', (event) => panel.onKey(event), { capture: true });
    panel.reconcile(new URL(location.href));
  },
});
