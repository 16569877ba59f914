// `npm run demo`: PATrol on a realistic fake org, no GitHub App or network needed. Starts
// the fake GitHub with a 1,500-token org, loads the production build in Chromium, enters
// credentials on the options page as an owner would, and opens the Active tokens page.
// With a display it stays open until Ctrl-C; without one it saves screenshots, the README's
// light and dark ones in docs/screenshots/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configurePrivateKey, launchChromium, panelFrame, serviceWorkerOf } from './e2e/fixtures.ts';
import { startFakeGitHub } from './fake-github/server.ts';

const ORG = 'acme-corp';
const headed = Boolean(process.env.DISPLAY) && process.env.PATROL_DEMO_HEADLESS !== '1';
const shots = resolve('demo-screenshots');
/** The two the README shows first (committed; demo-screenshots/ is not). */
const readme = resolve('docs/screenshots');

const fake = await startFakeGitHub({ deviceInterval: 1, revokeDelayMs: 1500 });
fake.faults.latencyMs = 40; // A little of GitHub's real latency, so progress is visible.
fake.seedOrg(ORG, { grants: 1500, seed: 2026, hostile: true });
const userDataDir = mkdtempSync(join(tmpdir(), 'patrol-demo-'));
const context = await launchChromium(fake, userDataDir, { headless: !headed });
const extensionId = new URL((await serviceWorkerOf(context)).url()).host;

const options = await context.newPage();
await options.goto(`chrome-extension://${extensionId}/options.html`);
// As an owner would: App private key, the default passphrase lock, a connection test.
await configurePrivateKey(options, fake, ORG);

const page = await context.newPage();
await page.setViewportSize({ width: 1400, height: 1000 });
await page.goto(`https://github.com/organizations/${ORG}/settings/personal-access-tokens/active`);
const frame = await panelFrame(page, 60_000);
const panel = frame.getByRole('region', { name: 'PATrol' });
await panel
  .getByRole('status')
  .filter({ hasText: /of \d[\d,]* tokens/ })
  .waitFor({ timeout: 60_000 });
console.log(
  `PATrol demo: ${ORG} with ${fake.liveGrants(ORG).length} tokens at https://github.com/organizations/${ORG}/settings/personal-access-tokens/active`,
);

/** GitHub's colour settings on its <html>: the content script passes them to the panel. */
async function theme(mode: 'light' | 'dark', dark = 'dark'): Promise<void> {
  await page.evaluate(
    ([m, d]) => {
      document.documentElement.setAttribute('data-color-mode', m as string);
      document.documentElement.setAttribute('data-dark-theme', d as string);
    },
    [mode, dark],
  );
  await page.waitForTimeout(300);
}

if (headed) {
  console.log('Chromium is open; press Ctrl-C to stop the demo.');
  await new Promise<void>((done) => process.once('SIGINT', () => done()));
} else {
  mkdirSync(shots, { recursive: true });
  mkdirSync(readme, { recursive: true });
  // The README's first pictures: a working view (a filter, two rows selected, one token's
  // details) in GitHub's light and dark themes.
  await panel.getByRole('textbox', { name: 'Filter tokens' }).fill('risk:high used:>90d');
  await page.waitForTimeout(300);
  // Plainly named rows (the demo org has hostile names too, shown as text elsewhere).
  const plain = panel.getByRole('row').filter({ has: frame.getByRole('button', { name: /^[a-z][\w -]*$/ }) });
  for (const i of [0, 1]) await plain.nth(i).getByRole('checkbox').check();
  await plain.nth(0).getByRole('button').first().click();
  await panel.getByRole('region', { name: 'Token details' }).waitFor();
  await theme('light');
  await panel.screenshot({ path: join(readme, 'panel-light.png') });
  await theme('dark');
  await panel.screenshot({ path: join(readme, 'panel-dark.png') });
  await theme('dark', 'dark_dimmed');
  await panel.screenshot({ path: join(shots, 'panel-dark-dimmed.png') });
  await theme('light');
  await panel.getByRole('textbox', { name: 'Filter tokens' }).fill('');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await panel.screenshot({ path: join(shots, '1-panel.png') });
  await panel.getByRole('button', { name: 'Filter by owner' }).click();
  await panel.getByRole('combobox', { name: 'Filter owners' }).fill('a');
  await page.waitForTimeout(200);
  await panel.screenshot({ path: join(shots, '2-owner-menu.png') });
  await page.keyboard.press('Escape');
  const filter = panel.getByRole('textbox', { name: 'Filter tokens' });
  await filter.fill('perm:administration:write used:>90d');
  await page.waitForTimeout(300);
  await panel.screenshot({ path: join(shots, '3-filtered.png') });
  await panel.getByRole('checkbox', { name: 'Select all matching' }).check();
  await panel.getByRole('button', { name: 'Revoke selected' }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, '4-revoke-dialog.png') });
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.waitForTimeout(300);
  await panel.screenshot({ path: join(shots, '5-panel-800px.png') });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('textbox', { name: 'Search tokens' }).fill('deploy');
  await popup.waitForTimeout(300);
  await popup.screenshot({ path: join(shots, '6-popup.png') });
  await options.reload();
  await options.getByRole('button', { name: 'Save' }).waitFor();
  await options.screenshot({ path: join(shots, '7-options.png'), fullPage: true });
  console.log(`Screenshots saved in ${shots}; the README's in ${readme}`);
}
await context.close();
await fake.close();
rmSync(userDataDir, { recursive: true, force: true });
