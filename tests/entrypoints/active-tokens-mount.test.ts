// The content script's placement (entrypoints/active-tokens.content/mount.ts): the frame goes
// before GitHub's list inside a closed shadow root, leaves with the page, carries the org and
// the hash's query in its URL, and the content script sends the worker nothing at all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createPanelMount } from '../../entrypoints/active-tokens.content/mount';

const ACTIVE = 'https://github.com/organizations/acme/settings/personal-access-tokens/active';
const PROFILE = 'https://github.com/organizations/acme/settings/profile';

/** happy-dom's own way to set the page URL (no navigation). */
const setUrl = (url: string) =>
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('placing the panel frame', () => {
  let ctx: ContentScriptContext;
  const roots: ShadowRootInit[] = [];
  const attachShadow = Element.prototype.attachShadow;

  beforeEach(() => {
    fakeBrowser.reset();
    document.body.innerHTML = `<main><div class="Layout-main"><div class="Subhead"><h2>Active tokens</h2></div>
      <div class="Box" id="list"></div></div></main>`;
    setUrl(`${ACTIVE}#patrol=owner%3Abob`);
    roots.length = 0;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      roots.push(init);
      return attachShadow.call(this, init);
    };
    ctx = new ContentScriptContext('active-tokens');
  });
  afterEach(() => {
    Element.prototype.attachShadow = attachShadow;
    ctx.abort();
  });

  it('puts one frame before the list, in a closed root, with the org and query in its URL; sends nothing', async () => {
    const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const getURL = vi.spyOn(fakeBrowser.runtime, 'getURL');
    const mount = createPanelMount(ctx);
    mount.reconcile(new URL(location.href));
    mount.reconcile(new URL(location.href));
    await settle();
    const hosts = document.querySelectorAll('patrol-panel');
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.nextElementSibling?.id).toBe('list');
    expect(hosts[0]?.shadowRoot).toBeNull();
    expect(roots).toEqual([{ mode: 'closed' }]);
    const url = new URL(String(getURL.mock.calls.at(-1)?.[0]), 'https://x.invalid');
    expect(url.pathname).toBe('/panel.html');
    expect(url.searchParams.get('org')).toBe('acme');
    expect(url.searchParams.get('q')).toBe('owner:bob');
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('removes the frame when GitHub navigates to another page', async () => {
    const mount = createPanelMount(ctx);
    mount.reconcile(new URL(location.href));
    await settle();
    setUrl(PROFILE);
    mount.reconcile(new URL(PROFILE));
    await settle();
    expect(document.querySelectorAll('patrol-panel')).toHaveLength(0);
  });

  it('lets a page script’s synthetic `/` through: only the owner’s own keys move focus', async () => {
    const mount = createPanelMount(ctx);
    mount.reconcile(new URL(location.href));
    await settle();
    const event = new KeyboardEvent('keydown', { key: '/', cancelable: true });
    mount.onKey(event);
    expect(event.defaultPrevented).toBe(false);
  });
});
