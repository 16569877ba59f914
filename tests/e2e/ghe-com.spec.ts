// GitHub Enterprise Cloud with data residency in a real Chromium: the API on
// api.octocorp.ghe.com, the device flow and the panel on octocorp.ghe.com. Chromium cannot
// click its own permission prompt under automation, so each test loads a copy of the build
// whose manifest already holds the hosts the owner would have allowed (the options page's
// permissions.request then resolves at once, as it does for hosts already granted).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { GHE_API_HOST, GHE_WEB_HOST } from '../fake-github/hosts.ts';
import {
  choosePassphrase,
  EXTENSION_PATH,
  expect,
  launchChromium,
  panelFrame,
  sendFromPage,
  test,
} from './fixtures';

const ORG = 'eu-corp';
const API = `https://${GHE_API_HOST}`;
const WEB = `https://${GHE_WEB_HOST}`;

/** A copy of the build as if the owner had granted these origins (and "scripting"). */
function buildGranting(origins: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'patrol-ghe-build-'));
  cpSync(EXTENSION_PATH, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, ...origins.map((origin) => `${origin}/*`)];
  manifest.permissions = [...manifest.permissions, 'scripting'];
  writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

async function saveGheSettings(context: BrowserContext, clientId: string) {
  // Record what the options page asks Chromium for (the request itself still goes through).
  await context.addInitScript(() => {
    const chromeApi = (
      globalThis as unknown as { chrome?: { permissions?: { request: (...args: unknown[]) => unknown } } }
    ).chrome;
    const permissions = chromeApi?.permissions;
    if (!permissions || location.protocol !== 'chrome-extension:') return;
    const original = permissions.request;
    permissions.request = (...args: unknown[]) => {
      (globalThis as unknown as { asked: unknown[] }).asked = [
        ...((globalThis as unknown as { asked?: unknown[] }).asked ?? []),
        args[0],
      ];
      return original.apply(permissions, args);
    };
  });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${await extensionIdOf(context)}/options.html`);
  const base = options.getByRole('textbox', { name: 'API base URL' });
  await base.fill(API);
  await options.getByRole('textbox', { name: 'Client ID or App ID' }).fill(clientId);
  await choosePassphrase(options);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Saved.')).toBeVisible();
  // Both hosts, asked for at run time: the device flow and the panel run on the web host.
  expect(await options.evaluate(() => (globalThis as unknown as { asked?: unknown[] }).asked)).toEqual([
    { origins: [`${API}/*`, `${WEB}/*`], permissions: ['scripting'] },
  ]);
  return options;
}

test.describe('GHE.com (data residency)', () => {
  let build: string | undefined;
  test.afterEach(() => {
    if (build) rmSync(build, { recursive: true, force: true });
    build = undefined;
  });

  test('device-flow sign-in on SUBDOMAIN.ghe.com, then the panel lists every grant there', async ({
    fake,
    userDataDir,
  }) => {
    fake.seedOrg(ORG, { grants: 250, seed: 11, owners: ['octo-owner'] });
    build = buildGranting([API, WEB]);
    const context = await launchChromium(fake, userDataDir, { extensionPath: build });
    try {
      const options = await saveGheSettings(context, fake.app.clientId);
      const devicePage = context.waitForEvent('page');
      await options.getByRole('button', { name: 'Sign in with GitHub' }).click();
      const code = options.getByLabel('Your code');
      await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect((await devicePage).url()).toBe(`${WEB}/login/device`);
      fake.approveDeviceCode((await code.textContent()) ?? '', 'octo-owner');
      await expect(options.getByRole('status').filter({ hasText: 'Signed in as octo-owner.' })).toBeVisible();

      await options.getByRole('textbox', { name: 'Organization' }).fill(ORG);
      await options.getByRole('button', { name: 'Test connection' }).click();
      await expect(options.getByRole('status', { name: 'Connection result' })).toContainText(
        'PATrol can list and revoke tokens',
      );

      const page = await context.newPage();
      await page.goto(`${WEB}/organizations/${ORG}/settings/personal-access-tokens/active`);
      const panel = (await panelFrame(page)).getByRole('region', { name: 'PATrol' });
      const total = fake.liveGrants(ORG).length;
      await expect(panel.getByRole('status').filter({ hasText: 'tokens' })).toHaveText(
        `${total} of ${total} tokens`,
      );
      // OAuth on the web host, REST on the API host, later pages from GitHub's Link header there.
      const oauth = fake.requests.filter((ex) => ex.path.startsWith('/login/'));
      expect(oauth.filter((ex) => ex.method === 'POST').every((ex) => ex.host.startsWith(GHE_WEB_HOST))).toBe(
        true,
      );
      const lists = fake.requests.filter((ex) => /personal-access-tokens\?/.test(ex.restPath ?? ''));
      expect(lists.every((ex) => ex.host.startsWith(GHE_API_HOST))).toBe(true);
      expect(lists.some((ex) => /page=3/.test(ex.path))).toBe(true);
      expect(fake.requests.some((ex) => /github\.com$/.test(ex.host.replace(/:\d+$/, '')))).toBe(false);
    } finally {
      await context.close();
    }
  });

  test('why both hosts: with the API host alone, the device flow is blocked and fails as offline', async ({
    fake,
    userDataDir,
  }) => {
    build = buildGranting([API]);
    const context = await launchChromium(fake, userDataDir, { extensionPath: build });
    try {
      // Settings stored through the worker: the options page would ask Chromium for the web host.
      const options = await context.newPage();
      await options.goto(`chrome-extension://${await extensionIdOf(context)}/options.html`);
      const saved = await sendFromPage(options, 'settings.save', {
        mode: 'device',
        clientId: fake.app.clientId,
        apiBaseUrl: API,
        secretStorage: 'session',
      });
      expect(saved.ok).toBe(true);
      const started = await sendFromPage(options, 'signin.start', {});
      expect(started.ok ? 'ok' : started.error.code).toBe('offline');
      // The POST never reached GitHub's web host: Chromium stopped it at the CORS preflight.
      expect(fake.requests.some((ex) => ex.method === 'POST' && ex.path === '/login/device/code')).toBe(
        false,
      );
    } finally {
      await context.close();
    }
  });
});
