// Neither the page nor PATrol's own content script can obtain a private key, a refresh
// token or an access token: not through browser.storage, not through any message.
import type { CDPSession, Page } from '@playwright/test';
import { configurePrivateKey, expect, openOptions, sendFromPage, signInWithDevice, test } from './fixtures';

const ACTIVE = 'https://github.com/organizations/acme/settings/personal-access-tokens/active';

/** Runs an expression in the content script's isolated world (the PATrol extension's). */
async function inContentScript(page: Page, cdp: CDPSession, expression: string): Promise<string> {
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await cdp.send('Runtime.enable');
  await expect
    .poll(() => contexts.some((ctx) => ctx.auxData?.type === 'isolated' && ctx.name === 'PATrol'))
    .toBe(true);
  const isolated = contexts.find((ctx) => ctx.auxData?.type === 'isolated' && ctx.name === 'PATrol');
  const result = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: isolated?.id,
    awaitPromise: true,
    returnByValue: true,
  });
  if (result.exceptionDetails) throw new Error(JSON.stringify(result.exceptionDetails));
  expect(page.url()).toBe(ACTIVE);
  return String(result.result.value);
}

const PROBE = `(async () => {
  const out = {};
  out.local = await chrome.storage.local.get(null);
  try { out.session = await chrome.storage.session.get(null); } catch (e) { out.session = 'refused: ' + e.message; }
  const inputs = {
    'settings.get': {}, 'settings.save': { mode: 'device', clientId: 'x', apiBaseUrl: 'https://evil.example', secretStorage: 'encrypted' },
    'connection.test': { org: 'acme' }, 'signin.start': {}, 'signin.poll': {}, 'signout': {},
    'grants.load': { org: 'acme', refresh: true }, 'grants.repositories': { org: 'acme', grantIds: [1] },
    'jobs.latest': { org: 'acme' }, 'orgs.list': {}, 'log.list': {},
  };
  out.replies = {};
  for (const [type, input] of Object.entries(inputs)) out.replies[type] = await chrome.runtime.sendMessage({ patrol: 1, type, input });
  out.idb = (await indexedDB.databases()).map((db) => db.name);
  return JSON.stringify(out);
})()`;

const SECRET = /ghs_|ghu_|ghr_|PRIVATE KEY|MII[A-Za-z0-9+/]{20}/;

test.describe('credential isolation', () => {
  test('private key mode: no key or installation token reachable from the content script or the page', async ({
    context,
    extensionId,
    fake,
  }) => {
    fake.seedOrg('acme', { grants: 20, seed: 5 });
    const options = await openOptions(context, extensionId);
    await configurePrivateKey(options, fake, 'acme');
    expect((await sendFromPage(options, 'grants.load', { org: 'acme', refresh: true })).ok).toBe(true);

    const page = await context.newPage();
    await page.goto(ACTIVE);
    const seen = await inContentScript(page, await context.newCDPSession(page), PROBE);
    const parsed = JSON.parse(seen);
    expect(String(parsed.session)).toMatch(/refused|not allowed|access/i);
    expect(parsed.replies['settings.save'].error.code).toBe('forbidden_sender');
    expect(parsed.replies['orgs.list'].error.code).toBe('forbidden_sender');
    // The panel is an extension page in a frame now: a content script is answered nothing at all.
    for (const [type, reply] of Object.entries(parsed.replies)) {
      expect([type, (reply as { error?: { code?: string } }).error?.code]).toEqual([
        type,
        'forbidden_sender',
      ]);
    }
    expect(parsed.idb).not.toContain('patrol-secrets');
    expect(seen).not.toMatch(SECRET);

    const pageWorld = await page.evaluate(() =>
      JSON.stringify({
        local: { ...localStorage },
        session: { ...sessionStorage },
        chrome: typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
          ?.sendMessage,
        html: document.documentElement.outerHTML,
      }),
    );
    expect(pageWorld).not.toMatch(SECRET);
    // The settings still work from the options page: the refusals above changed nothing.
    const settings = await sendFromPage(options, 'settings.get', {});
    expect(settings.ok && settings.data.mode).toBe('private-key');
  });

  test('sign-in mode: no user or refresh token reachable from the content script', async ({
    context,
    extensionId,
    fake,
  }) => {
    fake.seedOrg('acme', { grants: 10, seed: 6, owners: ['octo-owner'] });
    const options = await openOptions(context, extensionId);
    await signInWithDevice(context, options, fake, 'octo-owner');

    const page = await context.newPage();
    await page.goto(ACTIVE);
    const seen = await inContentScript(page, await context.newCDPSession(page), PROBE);
    expect(JSON.parse(seen).replies['grants.load'].error.code).toBe('forbidden_sender');
    expect(seen).not.toMatch(SECRET);
  });
});
