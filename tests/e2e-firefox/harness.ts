// The Firefox end-to-end harness: the production build (.output/firefox-mv3) installed unchanged
// in Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi, with the fake GitHub
// behind the real hostnames.
//
// Firefox has no --host-resolver-rules. Instead every HTTPS connection goes to a local CONNECT
// proxy (Firefox's own proxy prefs, which the extension's background fetches honour too) that
// tunnels github.com, api.github.com and ghes.test to the fake and refuses every other host, so
// nothing leaves loopback and no fixed port is needed. The fake's self-signed certificate is
// accepted through BiDi's acceptInsecureCerts, which covers the background's fetches as well.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import { CERT_HOSTS } from '../fake-github/tls.ts';

export const FIREFOX_BUILD = resolve('.output/firefox-mv3');
export const GECKO_ID = 'patrol@patrol.invalid';
/** Pinned with extensions.webextensions.uuids, so extension URLs are known in advance. */
export const EXTENSION_UUID = '5f1c1f0e-3a63-4c55-9d2f-4a7e0f0d6a11';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface Tunnel {
  port: number;
  /** Hosts asked for that are not the fake's (refused). */
  refused: string[];
  close(): Promise<void>;
}

/** An HTTP CONNECT proxy on loopback that reaches the fake for GitHub's hosts only. */
export async function startTunnel(fakePort: number): Promise<Tunnel> {
  const refused: string[] = [];
  const server: Server = createServer((_request, response) => {
    response.writeHead(403).end(); // plain-HTTP requests: PATrol never makes one
  });
  server.on('connect', (request, socket, head) => {
    const host = (request.url ?? '').replace(/:\d+$/, '');
    if (!(CERT_HOSTS as readonly string[]).includes(host)) {
      refused.push(host);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(fakePort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    port,
    refused,
    close: async () => {
      server.closeAllConnections();
      // Tunnelled sockets leave the HTTP server's books once upgraded, so close() may wait on
      // one Firefox left open: a suite's teardown waits 5 s for them at most.
      await new Promise<void>((done) => {
        server.close(() => done());
        setTimeout(done, 5_000).unref();
      });
    },
  };
}

export interface Firefox {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Firefox ESR with PATrol installed. `idleMs` is Firefox's event-page idle timeout
 * (extensions.background.idle.timeout, 30 s by default).
 */
export async function launchFirefox(tunnel: Tunnel, { idleMs = 30_000 } = {}): Promise<Firefox> {
  const profile = mkdtempSync(join(tmpdir(), 'patrol-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': tunnel.port,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': tunnel.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      'extensions.background.idle.timeout': idleMs,
      // permissions.request() is granted without Firefox's doorhanger, which BiDi cannot click.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  const id = await browser.installExtension(FIREFOX_BUILD);
  if (id !== GECKO_ID) throw new Error(`installed as ${id}, expected ${GECKO_ID}`);
  return {
    browser,
    close: async () => {
      // browser.close() over BiDi can hang at the end of a long session: give it 15 s, then
      // end the process, so a suite's teardown never outlives its tests.
      const closed = browser.close().then(
        () => true,
        () => false,
      );
      const timedOut = new Promise<false>((done) => setTimeout(() => done(false), 15_000).unref());
      if (!(await Promise.race([closed, timedOut]))) browser.process()?.kill('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a truthy value; the message names what never happened. */
export async function until<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((done) => setTimeout(done, 150));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** The page's real location: puppeteer's page.url() is not updated for moz-extension pages. */
export const hrefOf = (page: Page) => page.evaluate(() => location.href).catch(() => '');

/**
 * A tab showing one of PATrol's pages. BiDi refuses to navigate to moz-extension:// URLs, but a
 * page the extension opened itself is reachable like any other.
 */
export function extensionPage(browser: Browser, path: string, timeoutMs = 15_000): Promise<Page> {
  return until(
    async () => {
      for (const page of await browser.pages()) {
        const href = await hrefOf(page);
        if (href.startsWith(`${EXTENSION_ORIGIN}/${path}`)) return page;
      }
      return undefined;
    },
    `PATrol's ${path}`,
    timeoutMs,
  );
}

/** Where controls are looked up: a page, a frame, or an element (e.g. inside a shadow root). */
export type Scope = Page | Frame | ElementHandle<Element>;

/** A control by its accessible role and name (exact), as an assistive technology sees it. */
export function byRole(role: string, name?: string): string {
  return `::-p-aria(${name === undefined ? '' : `[name=${JSON.stringify(name)}]`}[role="${role}"])`;
}

/**
 * Waits for a control by role and name. It polls rather than using waitForSelector: puppeteer
 * re-checks that on DOM mutations only, and Firefox updates its accessibility tree after the DOM
 * (a control outside a modal dialog joins the tree a moment after the dialog closes, with no
 * further mutation to trigger another look).
 */
export function find(scope: Scope, role: string, name?: string, timeoutMs = 15_000) {
  return until(
    async () => ((await scope.$(byRole(role, name))) as ElementHandle<Element> | null) ?? undefined,
    `a ${role}${name === undefined ? '' : ` named "${name}"`}`,
    timeoutMs,
  );
}

/**
 * A password field by its accessible name. Firefox's accessibility locator gives
 * <input type=password> no role (Chromium and Playwright call it a textbox), so it is found by
 * name alone, among the elements that carry that name (its <label> does too).
 */
export function findPassword(scope: Scope, name: string, timeoutMs = 15_000) {
  return until(
    async () => {
      for (const handle of await scope.$$(`::-p-aria([name=${JSON.stringify(name)}])`)) {
        const isPassword = await handle.evaluate(
          (element) => element instanceof HTMLInputElement && element.type === 'password',
        );
        if (isPassword) return handle as ElementHandle<Element>;
        await handle.dispose();
      }
      return undefined;
    },
    `a password field named ${name}`,
    timeoutMs,
  );
}

export async function textOf(handle: ElementHandle<Element>): Promise<string> {
  return (await handle.evaluate((element) => element.textContent ?? '')).replace(/\s+/g, ' ').trim();
}

/**
 * Clicks a control with the mouse, as the owner would, in a page or in PATrol's panel frame.
 * For an element in a frame, puppeteer finds where the frame is with WebDriver BiDi's "context"
 * locator, which Firefox ESR 140 rejects ("Expected locator.type to be one of accessibility,
 * css, innerText, xpath"). The panel's iframe fills its <patrol-panel> host in GitHub's page
 * (entrypoints/active-tokens.content/frame.ts: display block, full width, no border), so the
 * point is the host's corner plus the element's centre in the frame.
 */
export async function click(handle: ElementHandle<Element>): Promise<void> {
  const frame = handle.frame;
  if (!frame.parentFrame()) return handle.click();
  await handle.evaluate((element) => element.scrollIntoView({ block: 'center', inline: 'center' }));
  const inner = await handle.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
  const page = frame.page();
  const host = await page.evaluate(() => {
    const box = document.querySelector('patrol-panel')?.getBoundingClientRect();
    return box ? { x: box.x, y: box.y } : null;
  });
  if (!host) throw new Error("a click in a frame other than PATrol's panel");
  await page.mouse.click(host.x + inner.x, host.y + inner.y);
}

/** Replaces a text field's value by typing, as the owner would. */
export async function fill(field: ElementHandle<Element>, value: string): Promise<void> {
  // A click, not element.focus(): keys go to the focused frame, and only a click moves the
  // focus into the panel's frame.
  await click(field);
  await field.evaluate((element) => (element as HTMLInputElement).select());
  if (value === '') await field.press('Backspace');
  else await field.type(value);
}

/** Sends a protocol message from an extension page, as the popup or options page would. */
export function sendFrom(page: Page, type: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    (messageType, messageInput) =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).browser.runtime.sendMessage({ patrol: 1, type: messageType, input: messageInput }),
    type,
    input,
  );
}
