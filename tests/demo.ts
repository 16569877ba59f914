// `npm run demo`: PATrol on a realistic fake org, no GitHub App or network needed. Starts
// the fake GitHub with a 1,500-token org, loads the production build in Chromium, enters
// credentials on the options page as an owner would, and opens the Active tokens page.
// With a display it stays open until Ctrl-C; without one it saves screenshots.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, serviceWorkerOf } from './e2e/fixtures.ts';
import { startFakeGitHub } from './fake-github/server.ts';

const ORG = 'acme-corp';
const headed = Boolean(process.env.DISPLAY) && process.env.PATROL_DEMO_HEADLESS !== '1';
const shots = resolve('demo-screenshots');

const fake = await startFakeGitHub({ deviceInterval: 1, revokeDelayMs: 1500 });
fake.faults.latencyMs = 40; // A little of GitHub's real latency, so progress is visible.
fake.seedOrg(ORG, { grants: 1500, seed: 2026, hostile: true });
const userDataDir = mkdtempSync(join(tmpdir(), 'patrol-demo-'));
const context = await launchChromium(fake, userDataDir, { headless: !headed });
const extensionId = new URL((await serviceWorkerOf(context)).url()).host;

const options = await context.newPage();
await options.goto(`chrome-extension://${extensionId}/options.html`);
await options.getByLabel('App private key').check();
await options.getByRole('textbox', { name: 'Client ID or App ID' }).fill(fake.app.clientId);
await options.getByRole('textbox', { name: 'Private key' }).fill(fake.app.privateKeyPkcs1);
await options.getByRole('button', { name: 'Save' }).click();
await options.getByRole('textbox', { name: 'Organization' }).fill(ORG);
await options.getByRole('button', { name: 'Test connection' }).click();
await options
  .getByRole('status', { name: 'Connection result' })
  .getByText(/PATrol can list/)
  .waitFor();

const page = await context.newPage();
await page.setViewportSize({ width: 1400, height: 1000 });
await page.goto(`https://github.com/organizations/${ORG}/settings/personal-access-tokens/active`);
const panel = page.getByRole('region', { name: 'PATrol' });
await panel
  .getByRole('status')
  .getByText(/of \d[\d,]* tokens/)
  .waitFor({ timeout: 60_000 });
console.log(
  `PATrol demo: ${ORG} with ${fake.liveGrants(ORG).length} tokens at https://github.com/organizations/${ORG}/settings/personal-access-tokens/active`,
);

if (headed) {
  console.log('Chromium is open; press Ctrl-C to stop the demo.');
  await new Promise<void>((done) => process.once('SIGINT', () => done()));
} else {
  mkdirSync(shots, { recursive: true });
  await panel.screenshot({ path: join(shots, '1-panel.png') });
  const filter = panel.getByRole('textbox', { name: 'Filter tokens' });
  await filter.fill('perm:administration:write used:>90d');
  await page.waitForTimeout(300);
  await panel.screenshot({ path: join(shots, '2-filtered.png') });
  await panel.getByRole('checkbox', { name: 'Select all matching' }).check();
  await panel.getByRole('button', { name: 'Revoke selected' }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, '3-revoke-dialog.png') });
  console.log(`Screenshots saved in ${shots}`);
}
await context.close();
await fake.close();
rmSync(userDataDir, { recursive: true, force: true });
