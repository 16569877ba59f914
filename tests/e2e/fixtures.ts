// The end-to-end harness: the production build (.output/chrome-mv3) loaded unchanged in
// Debian's Chromium, with a fake GitHub answering at the real hostnames over HTTPS.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type BrowserContext,
  test as base,
  chromium,
  expect,
  type Frame,
  type Page,
  type Worker,
} from '@playwright/test';
import type { Input, MessageType, Output, Reply } from '../../lib/protocol';
import { validateExchange } from '../fake-github/openapi.ts';
import type { GrantJson } from '../fake-github/render.ts';
import { type FakeGitHub, type FakeOptions, startFakeGitHub } from '../fake-github/server.ts';
import type { FakeOrgOptions } from '../fake-github/state.ts';

/** A count as the panel writes it (lib/plural.ts's formatCount): 1,200. */
export const count = (n: number): string => n.toLocaleString('en-US');

export const EXTENSION_PATH = resolve('.output/chrome-mv3');

export async function launchChromium(
  fake: FakeGitHub,
  userDataDir: string,
  {
    headless = true,
    extensionPath = EXTENSION_PATH,
    otherExtensions = [],
  }: {
    headless?: boolean;
    extensionPath?: string;
    /** More unpacked extensions beside PATrol (the attack test loads a hostile one). */
    otherExtensions?: string[];
  } = {},
): Promise<BrowserContext> {
  const extensions = [extensionPath, ...otherExtensions].join(',');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      `--disable-extensions-except=${extensions}`,
      `--load-extension=${extensions}`,
      ...fake.chromiumArgs(),
    ],
  });
}

/** Chromium's id for an unpacked extension: the SHA-256 of its path, in letters a–p. */
export function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  const deadline = Date.now() + 30_000;
  let woken = false;
  while (Date.now() < deadline) {
    const [existing] = context.serviceWorkers();
    if (existing) return existing;
    try {
      return await context.waitForEvent('serviceworker', { timeout: 2_000 });
    } catch {
      // The worker may have started and stopped before Playwright attached: wake it.
      if (!woken) {
        woken = true;
        const page = await context.newPage();
        await page
          .goto(`chrome-extension://${unpackedExtensionId(EXTENSION_PATH)}/popup.html`)
          .catch(() => undefined);
        await page.close();
      }
    }
  }
  throw new Error("PATrol's service worker did not start: is .output/chrome-mv3 built?");
}

interface Fixtures {
  fakeOptions: FakeOptions;
  fake: FakeGitHub;
  userDataDir: string;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

export const test = base.extend<Fixtures>({
  fakeOptions: [{ deviceInterval: 1, revokeDelayMs: 400 }, { option: true }],
  fake: async ({ fakeOptions }, use) => {
    const fake = await startFakeGitHub(fakeOptions);
    await use(fake);
    // Every request the extension sent, and every answer, must match GitHub's OpenAPI description.
    const problems = fake.requests.flatMap((exchange) =>
      validateExchange(exchange).map((problem) => `${exchange.method} ${exchange.path}: ${problem}`),
    );
    await fake.close();
    expect(problems, "requests and responses outside GitHub's OpenAPI description").toEqual([]);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructured first argument.
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'patrol-chromium-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ fake, userDataDir }, use) => {
    const context = await launchChromium(fake, userDataDir);
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => use(await serviceWorkerOf(context)),
  extensionId: async ({ worker }, use) => use(new URL(worker.url()).host),
});

export { expect };

export async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

export const E2E_PASSPHRASE = 'correct horse battery staple';

/** Types the passphrase of the default "Locked with a passphrase" mode, as an owner would. */
export async function choosePassphrase(page: Page, passphrase = E2E_PASSPHRASE): Promise<void> {
  await page.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(passphrase);
  await page.getByRole('textbox', { name: 'Confirm passphrase' }).fill(passphrase);
}

/** Enters App private-key credentials on the options page, as an owner would. */
export async function configurePrivateKey(page: Page, fake: FakeGitHub, org: string): Promise<void> {
  await page.getByLabel('App private key').check();
  await page.getByRole('textbox', { name: 'Client ID or App ID' }).fill(fake.app.clientId);
  await page.getByRole('textbox', { name: 'Private key' }).fill(fake.app.privateKeyPkcs1);
  await choosePassphrase(page);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Organization' }).fill(org);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status', { name: 'Connection result' })).toContainText(
    'PATrol can list and revoke tokens',
  );
}

/** Sends a protocol message from an extension page, as the popup or options page would. */
export async function sendFromPage<T extends MessageType>(
  page: Page,
  type: T,
  input: Input<T>,
): Promise<Reply<Output<T>>> {
  return page.evaluate(
    ([messageType, messageInput]) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }
      ).chrome.runtime.sendMessage({
        patrol: 1,
        type: messageType,
        input: messageInput,
      }),
    [type, input] as const,
  ) as Promise<Reply<Output<T>>>;
}

/** Loads an org through the worker and reads its list in chunks, as the panel does. */
export async function loadGrantIds(page: Page, org: string): Promise<number[]> {
  const loaded = await sendFromPage(page, 'grants.load', { org, refresh: true });
  if (!loaded.ok) throw new Error(loaded.error.message);
  const ids: number[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const chunk: Reply<Output<'grants.read'>> = await sendFromPage(page, 'grants.read', {
      org,
      loadedAt: loaded.data.loadedAt,
      offset,
    });
    if (!chunk.ok) throw new Error(chunk.error.message);
    for (const token of chunk.data.tokens) ids.push(token.grantId);
    offset = chunk.data.next;
  }
  return ids;
}

/** Signs in with the device flow on the options page, approving the code on the fake GitHub. */
export async function signInWithDevice(context: BrowserContext, page: Page, fake: FakeGitHub, login: string) {
  await page.getByRole('textbox', { name: 'Client ID or App ID' }).fill(fake.app.clientId);
  await choosePassphrase(page);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const devicePage = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
  const code = page.getByLabel('Your code');
  await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  expect((await devicePage).url()).toBe('https://github.com/login/device');
  fake.approveDeviceCode((await code.textContent()) ?? '', login);
  await expect(page.getByRole('status').filter({ hasText: `Signed in as ${login}.` })).toBeVisible();
}

/** Whether a frame is PATrol's panel page (its origin is per session: use_dynamic_url). */
function isPanelFrame(frame: Frame): boolean {
  const url = frame.url();
  return url.startsWith('chrome-extension://') && new URL(url).pathname === '/panel.html';
}

/** The panel frames attached to the page now (0 or 1): for "no panel here" assertions. */
export function panelFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => !frame.isDetached() && isPanelFrame(frame));
}

/**
 * PATrol's panel: an extension page in an iframe that the content script keeps inside a
 * CLOSED shadow root, so no selector (Playwright's included) reaches the iframe element;
 * the frame is found by its URL instead. Waits until it is attached, then locate controls
 * in it with getByRole as on a page. The content script re-creates the frame when GitHub
 * swaps the page under it or navigates to another org: call this again after a navigation.
 */
export async function panelFrame(page: Page, timeout = 15_000): Promise<Frame> {
  let found: Frame | undefined;
  await expect
    .poll(
      () => {
        found = panelFrames(page)[0];
        return Boolean(found);
      },
      { message: "PATrol's panel frame never appeared", timeout },
    )
    .toBe(true);
  return found as Frame;
}

/**
 * Resizes GitHub's page and waits until the panel's frame has the new width: the frame is
 * out of process, so its layout follows the viewport's a frame or two later.
 */
export async function resizePage(page: Page, frame: Frame, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await expect
    .poll(() => frame.evaluate(() => window.innerWidth), {
      message: `the panel never narrowed to ${width} px`,
    })
    .toBeLessThanOrEqual(width);
}

/** GitHub's Active tokens page of an org, where the content script places the panel. */
export const activeTokensUrl = (org: string): string =>
  `https://github.com/organizations/${org}/settings/personal-access-tokens/active`;

/**
 * The usual start of a panel test: an org seeded as `seeding` says (`grants` tokens, and
 * hostile names, SAML credentials, permissions… when asked), an owner who saved App
 * private-key credentials on the options page, and the Active tokens page open (with `hash`,
 * if any: a function of the seeded grants to pick one) once the panel lists every live token
 * (`hostile` seeds some beyond `grants`). `beforeLoad` runs on the new page before it
 * navigates (to listen for dialogs, say).
 */
export async function openPanel(
  context: BrowserContext,
  extensionId: string,
  fake: FakeGitHub,
  {
    org = 'acme',
    hash = '',
    beforeLoad,
    ...seeding
  }: FakeOrgOptions & {
    org?: string;
    hash?: string | ((seeded: GrantJson[]) => string);
    beforeLoad?: (page: Page) => void;
  },
): Promise<{ page: Page; frame: Frame; options: Page }> {
  fake.seedOrg(org, seeding);
  const options = await openOptions(context, extensionId);
  await configurePrivateKey(options, fake, org);
  const page = await context.newPage();
  beforeLoad?.(page);
  await page.goto(`${activeTokensUrl(org)}${typeof hash === 'string' ? hash : hash(fake.liveGrants(org))}`);
  const frame = await panelFrame(page);
  await expect(
    frame
      .getByRole('region', { name: 'PATrol' })
      .getByRole('status')
      .filter({ hasText: / of [\d,]+ tokens/ }),
  ).toHaveText(new RegExp(` of ${count(fake.liveGrants(org).length)} tokens($| ·)`));
  return { page, frame, options };
}
