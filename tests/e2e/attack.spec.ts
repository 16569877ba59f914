// Issue 11's attack, end to end on the production build: a script in github.com's page (its
// main world: GitHub XSS, a userscript) and then a hostile extension's content script try to
// revoke every token of an org through PATrol's panel and to read the panel's inventory.
// Success is judged on the fake GitHub's own state, not on what PATrol says.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { FakeGitHub } from '../fake-github/server.ts';
import { type AttackInput, type AttackReport, attack } from './attack-script';
import {
  configurePrivateKey,
  EXTENSION_PATH,
  expect,
  launchChromium,
  openOptions,
  panelFrame,
  panelFrames,
  test,
  unpackedExtensionId,
} from './fixtures';

const VICTIM = 'victim';
const VICTIM_URL = `https://github.com/organizations/${VICTIM}/settings/personal-access-tokens/active`;
// The attack starts on another settings page, where the content script runs but shows nothing.
const START_URL = 'https://github.com/organizations/acme/settings/profile';
const GRANTS = 60;

/** GitHub writes to the org's token endpoints (revocations), as the fake saw them. */
const writes = (fake: FakeGitHub) =>
  fake.requests.filter((ex) => ex.method !== 'GET' && /personal-access-token/.test(ex.restPath ?? ''));

/**
 * Victim token names in an attacker's report that GitHub's own page did not show: GitHub's
 * list (its first page) is GitHub's to show; everything else only PATrol knows.
 */
async function leakedNames(page: Page, fake: FakeGitHub, report: AttackReport): Promise<string[]> {
  const seen = JSON.stringify(report);
  const github = (await page.locator('#active-tokens-list').allTextContents()).join('\n');
  const secret = fake
    .liveGrants(VICTIM)
    .map((grant) => grant.token_name)
    .filter((name) => name.length >= 4 && !github.includes(name));
  expect(secret.length).toBeGreaterThan(10); // enough names only PATrol had, or the check means nothing
  return secret.filter((name) => seen.includes(name));
}

async function setUp(fake: FakeGitHub, context: Parameters<typeof openOptions>[0], extensionId: string) {
  fake.seedOrg(VICTIM, { grants: GRANTS, seed: 77 });
  fake.seedOrg('acme', { grants: 3, seed: 78 });
  const options = await openOptions(context, extensionId);
  await configurePrivateKey(options, fake, VICTIM);
  return options;
}

function input(fake: FakeGitHub, patrolId: string, durationMs: number): AttackInput {
  return {
    victimUrl: VICTIM_URL,
    victimOrg: VICTIM,
    patrolId,
    grantIds: fake.liveGrants(VICTIM).map((grant) => grant.id),
    durationMs,
  };
}

/**
 * The panel really is up for the victim, with every token loaded, while the attack runs. The
 * attack's hash changes make the page's soft navigation swap the page once, which reloads the
 * frame: look for it afresh each time.
 */
async function expectLivePanel(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const frame = await panelFrame(page);
        const status = frame.getByRole('status').filter({ hasText: 'tokens' });
        const text = await status.textContent({ timeout: 1_000 }).catch((error: Error) => error.message);
        return `${new URL(frame.url()).searchParams.get('org')}: ${text}`;
      },
      { timeout: 30_000 },
    )
    .toMatch(new RegExp(`^${VICTIM}: \\d+ of ${GRANTS} tokens$`));
}

test('a script in the page main world can neither revoke through the panel nor read it', async ({
  context,
  extensionId,
  fake,
}) => {
  await setUp(fake, context, extensionId);
  const page = await context.newPage();
  // Before any of PATrol's code runs, the page forces every shadow root open (it only can in
  // its own world) and keeps every root, frame and port it sees.
  await page.addInitScript(() => {
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init: ShadowRootInit) {
      return attachShadow.call(this, { ...init, mode: 'open' });
    };
  });
  await page.goto(START_URL);
  const running = page.evaluate(attack, input(fake, extensionId, 9_000));
  await expectLivePanel(page);
  const report = await running;

  expect(report.hosts).toBe(1); // the attack did meet PATrol's panel
  expect(report.openRoots).toBe(0); // its closed root stayed closed, forced "open" or not
  expect(report.iframes).toBe(0);
  expect(report.actions).toEqual([]); // not one of the panel's controls was found
  expect(report.runtime).toEqual(['chrome.runtime.sendMessage is not available here']);
  expect(await leakedNames(page, fake, report)).toEqual([]);
  expect(report.text).not.toContain('chrome-extension://');
  expect(writes(fake)).toEqual([]);
  expect(fake.revokedGrantIds(VICTIM)).toEqual([]);

  // Nor can the page frame the panel itself (for another org, to overlay it): by its static
  // URL the browser refuses it (use_dynamic_url), and the per-session one it cannot learn.
  await page.evaluate(
    ([id, org]) => {
      const frame = document.createElement('iframe');
      frame.src = `chrome-extension://${id}/panel.html?org=${org}`;
      document.body.append(frame);
    },
    [extensionId, 'acme'],
  );
  await page.waitForTimeout(1_000);
  expect(panelFrames(page).map((frame) => new URL(frame.url()).searchParams.get('org'))).toEqual([VICTIM]);

  // The panel still works for the owner afterwards: the attack broke nothing.
  const frame = await panelFrame(page);
  await frame.getByRole('textbox', { name: 'Filter tokens' }).fill('');
  await expect(frame.getByRole('status').filter({ hasText: 'tokens' })).toHaveText(
    `${GRANTS} of ${GRANTS} tokens`,
  );
});

test("the frame's size tells the page nothing about which token names match its filter", async ({
  context,
  extensionId,
  fake,
}) => {
  await setUp(fake, context, extensionId);
  const page = await context.newPage();
  await page.goto(VICTIM_URL);
  const frame = await panelFrame(page);
  const status = frame.getByRole('status').filter({ hasText: 'tokens' });
  await expect(status).toHaveText(`${GRANTS} of ${GRANTS} tokens`);
  const name = fake.liveGrants(VICTIM)[0]?.token_name ?? '';
  const heightFor = async (query: string, shown: RegExp) => {
    await page.evaluate((q) => {
      location.hash = `patrol=${encodeURIComponent(q)}`;
    }, query);
    await expect(status).toHaveText(shown);
    await page.waitForTimeout(300); // let a resize, if any, reach the page
    return page.evaluate(() => document.querySelector('patrol-panel')?.getBoundingClientRect().height);
  };
  const matching = await heightFor(`"${name}"`, new RegExp(`^[1-9]\\d* of ${GRANTS} tokens$`));
  const none = await heightFor('zz-no-token-is-called-this', new RegExp(`^0 of ${GRANTS} tokens$`));
  expect(matching).toBeGreaterThan(200);
  expect(none).toBe(matching);
});

test('a hostile extension content script can neither revoke through the panel nor read it', async ({
  fake,
  userDataDir,
}) => {
  fake.seedOrg(VICTIM, { grants: GRANTS, seed: 77 });
  fake.seedOrg('acme', { grants: 3, seed: 78 });
  // PATrol's id follows from its unpacked path, so the hostile extension can know it.
  const patrolId = unpackedExtensionId(EXTENSION_PATH);
  const hostileDir = mkdtempSync(join(tmpdir(), 'patrol-hostile-'));
  writeFileSync(
    join(hostileDir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Hostile',
      version: '1.0',
      content_scripts: [{ matches: ['https://github.com/*'], js: ['attack.js'], run_at: 'document_idle' }],
    }),
  );
  writeFileSync(
    join(hostileDir, 'attack.js'),
    `(async () => {
      if (location.pathname !== ${JSON.stringify(new URL(START_URL).pathname)}) return;
      const report = await (${attack.toString()})(${JSON.stringify(input(fake, patrolId, 9_000))});
      document.documentElement.setAttribute('data-hostile-report', JSON.stringify(report));
    })();`,
  );
  const context = await launchChromium(fake, userDataDir, { otherExtensions: [hostileDir] });
  try {
    const options = await openOptions(context, patrolId);
    await configurePrivateKey(options, fake, VICTIM);
    const page = await context.newPage();
    await page.goto(START_URL);
    await expectLivePanel(page);
    const raw = await page
      .locator('html[data-hostile-report]')
      .getAttribute('data-hostile-report', { timeout: 30_000 });
    const report = JSON.parse(raw ?? '{}') as AttackReport;

    expect(report.world).toBe('extension content script');
    expect(report.hosts).toBe(1);
    // An extension can open the closed root and reach the iframe, but not into it.
    expect(report.closedRootsOpened).toBeGreaterThanOrEqual(1);
    expect(report.iframes).toBe(1);
    expect(report.frameDocuments).toBe(0);
    expect(report.actions).toEqual([]);
    // PATrol has no externally_connectable: another extension's messages never arrive.
    expect(report.runtime.length).toBeGreaterThan(0);
    for (const reply of report.runtime) expect(reply).toMatch(/^(refused|connect refused): /);
    expect(await leakedNames(page, fake, report)).toEqual([]);
    expect(writes(fake)).toEqual([]);
    expect(fake.revokedGrantIds(VICTIM)).toEqual([]);
  } finally {
    await context.close();
    rmSync(hostileDir, { recursive: true, force: true });
  }
});
