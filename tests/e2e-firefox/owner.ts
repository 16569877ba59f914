// What an owner does in Firefox, step by step, shared by the Firefox end-to-end specs.

import type { Browser, ElementHandle, Frame, Page } from 'puppeteer-core';

/** The passphrase the Chromium e2e helpers choose too (tests/e2e/fixtures.ts). */
const E2E_PASSPHRASE = 'correct horse battery staple';

import type { FakeGitHub } from '../fake-github/server.ts';
import {
  click,
  EXTENSION_ORIGIN,
  extensionPage,
  fill,
  find,
  findPassword,
  type Scope,
  textOf,
  until,
} from './harness.ts';

export const activeTokensUrl = (org: string) =>
  `https://github.com/organizations/${org}/settings/personal-access-tokens/active`;

/**
 * PATrol's panel frame on GitHub's page. The panel is an extension page (panel.html) in an
 * iframe inside a closed shadow root, out of reach of the page's DOM: it is found in the page's
 * frame list instead. puppeteer's frame.url() stays about:blank for moz-extension frames, so
 * each frame is asked where it is.
 */
export async function panelScope(page: Page, timeoutMs = 30_000): Promise<Frame> {
  return until(
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const href = await frame.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(`${EXTENSION_ORIGIN}/panel.html`)) return frame;
      }
      return undefined;
    },
    "PATrol's panel",
    timeoutMs,
  );
}

/** The panel's count line, e.g. "1,200 of 1,200 tokens". */
export async function statusLine(panel: Scope): Promise<string> {
  const handles = await panel.$$('::-p-aria([role="status"])');
  for (const handle of handles) {
    const text = await textOf(handle as ElementHandle<Element>);
    if (/ of [\d,]+ tokens/.test(text)) return text;
  }
  return '';
}

/**
 * Waits for the panel's count line to read `expected`. The panel is looked up afresh on every
 * try: its frame reloads (after a revocation, or when Turbo puts it back) and a handle to the
 * old one would read nothing.
 */
export async function waitForStatus(page: Page, expected: string, timeoutMs = 30_000): Promise<void> {
  let seen = '';
  await until(
    async () => {
      seen = await statusLine(await panelScope(page, 5_000));
      return seen === expected;
    },
    `the panel's status "${expected}"`,
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; it says "${seen}"`);
  });
}

/**
 * A first visit: the panel says PATrol is not connected and opens the options page (BiDi cannot
 * navigate to moz-extension:// itself), where the owner enters the App's private key and tests
 * the connection. Returns the GitHub tab and the options tab.
 */
export async function connectWithPrivateKey(
  browser: Browser,
  fake: FakeGitHub,
  org: string,
): Promise<{ github: Page; options: Page }> {
  const github = await browser.newPage();
  await github.goto(activeTokensUrl(org));
  const panel = await panelScope(github);
  await find(panel, 'heading', 'Connect PATrol to GitHub');
  await click(await find(panel, 'button', 'Open PATrol options'));
  const options = await extensionPage(browser, 'options.html');

  await click(await find(options, 'radio', 'App private key'));
  await fill(await find(options, 'textbox', 'Client ID or App ID'), fake.app.clientId);
  await fill(await find(options, 'textbox', 'Private key'), fake.app.privateKeyPkcs1);
  // The default lock asks for a passphrase, twice (lib/worker/vault.ts).
  await fill(await findPassword(options, 'Passphrase'), E2E_PASSPHRASE);
  await fill(await findPassword(options, 'Confirm passphrase'), E2E_PASSPHRASE);
  await click(await find(options, 'button', 'Save'));
  await options.waitForSelector('::-p-text(Saved.)');
  await fill(await find(options, 'textbox', 'Organization'), org);
  await click(await find(options, 'button', 'Test connection'));
  const result = await find(options, 'status', 'Connection result');
  await until(
    async () => (await textOf(result)).includes('PATrol can list and revoke tokens'),
    'a successful connection test',
  ).catch(async (error: Error) => {
    throw new Error(`${error.message}: "${await textOf(result)}"`);
  });
  return { github, options };
}
