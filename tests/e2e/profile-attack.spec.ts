// The review's attack on a copied profile, done as the attacker would: real Chromium with the
// production build stores an App private key (one profile) and a device-flow refresh token
// (another) in one "Where secrets are kept" mode; the browser closes; then only the profile's
// files are read (tests/e2e/profile-scan.ts). Locked and session modes must yield nothing
// usable; "On this computer without a passphrase" must be caught (the positive control that
// shows the scan can fail).
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server.ts';
import { E2E_PASSPHRASE, launchChromium, openOptions, sendFromPage, serviceWorkerOf } from './fixtures';
import { type Needle, scanProfile, textNeedle } from './profile-scan';

type Place = 'passphrase' | 'session' | 'device';
const LABEL: Record<Place, string> = {
  passphrase: 'Locked with a passphrase',
  session: 'For this browser session only',
  device: 'On this computer without a passphrase',
};

async function withProfile(fake: FakeGitHub, run: (context: BrowserContext, page: Page) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'patrol-attack-'));
  const context = await launchChromium(fake, dir);
  const worker = await serviceWorkerOf(context);
  const page = await openOptions(context, new URL(worker.url()).host);
  await run(context, page);
  await context.close(); // the attacker copies the profile of a closed browser
  return dir;
}

async function chooseStorage(page: Page, place: Place) {
  await page.getByRole('radio', { name: LABEL[place] }).check();
  if (place === 'passphrase') {
    await page.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(E2E_PASSPHRASE);
    await page.getByRole('textbox', { name: 'Confirm passphrase' }).fill(E2E_PASSPHRASE);
  }
}

/** Every form of the App key and of the tokens GitHub issued: PEM chunks, DER, token strings. */
function needles(fake: FakeGitHub): Needle[] {
  const key = createPrivateKey(fake.app.privateKeyPkcs1);
  const pems = [
    key.export({ type: 'pkcs1', format: 'pem' }).toString(),
    key.export({ type: 'pkcs8', format: 'pem' }).toString(),
  ];
  // 48-character pieces of the base64 body: any one of them is a piece of the key.
  const chunks = pems.flatMap((pem) => {
    const body = pem.replace(/-----[^-]+-----|\s/g, '');
    return Array.from({ length: Math.floor(body.length / 48) }, (_, i) => body.slice(i * 48, i * 48 + 48));
  });
  const der = (type: 'pkcs1' | 'pkcs8') => key.export({ type, format: 'der' }).subarray(0, 64);
  return [
    { ...textNeedle('private key (PEM)', ...chunks) },
    { label: 'private key (DER)', forms: [der('pkcs1'), der('pkcs8')] },
    textNeedle('refresh token', ...fake.state.refreshTokens.keys()),
    textNeedle('user access token', ...fake.state.userTokens.keys()),
    textNeedle('installation token', ...fake.state.installationTokens.keys()),
  ];
}

async function storeBoth(place: Place) {
  const fake = await startFakeGitHub({ deviceInterval: 1 });
  fake.seedOrg('acme', { grants: 5, seed: 2, owners: ['octo-owner'] });
  const dirs = [
    await withProfile(fake, async (_context, page) => {
      await page.getByLabel('App private key').check();
      await page.getByRole('textbox', { name: 'Client ID or App ID' }).fill(fake.app.clientId);
      await page.getByRole('textbox', { name: 'Private key' }).fill(fake.app.privateKeyPkcs1);
      await chooseStorage(page, place);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('Saved.')).toBeVisible();
      expect((await sendFromPage(page, 'grants.load', { org: 'acme', refresh: true })).ok).toBe(true);
    }),
    await withProfile(fake, async (context, page) => {
      await page.getByRole('textbox', { name: 'Client ID or App ID' }).fill(fake.app.clientId);
      await chooseStorage(page, place);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('Saved.')).toBeVisible();
      const devicePage = context.waitForEvent('page');
      await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
      const code = page.getByLabel('Your code');
      await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await devicePage;
      fake.approveDeviceCode((await code.textContent()) ?? '', 'octo-owner');
      await expect(page.getByRole('status').filter({ hasText: 'Signed in as octo-owner.' })).toBeVisible();
      expect((await sendFromPage(page, 'grants.load', { org: 'acme', refresh: true })).ok).toBe(true);
    }),
  ];
  const found = needles(fake);
  expect(fake.state.refreshTokens.size).toBeGreaterThan(0);
  await fake.close();
  const reports = dirs.map((dir) => scanProfile(dir, found));
  for (const { files, bytes, sealed, windowsTried, findings } of reports) {
    console.log(
      `[${place}] ${files} files, ${bytes} bytes, ${sealed} sealed values, ${windowsTried} windows tried, ${findings.length} findings`,
    );
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  return reports;
}

test.describe('a copied profile', () => {
  test.describe.configure({ timeout: 240_000 });

  for (const place of ['passphrase', 'session'] as const) {
    test(`"${LABEL[place]}": no usable key or token in the profile's files`, async () => {
      const [keyProfile, deviceProfile] = await storeBoth(place);
      for (const report of [keyProfile, deviceProfile]) {
        expect(report?.files).toBeGreaterThan(20); // a real profile was read
        expect(report?.findings).toEqual([]);
      }
      // The locked mode leaves ciphertext on disk, and the scan found and attacked it.
      if (place === 'passphrase') {
        expect(keyProfile?.sealed).toBeGreaterThan(0);
        expect(keyProfile?.windowsTried).toBeGreaterThan(1000);
      }
    });
  }

  test('"On this computer without a passphrase": the same scan recovers the key and the token', async () => {
    const [keyProfile, deviceProfile] = await storeBoth('device');
    const labels = (report: typeof keyProfile) => new Set(report?.findings.map((finding) => finding.label));
    expect(labels(keyProfile)).toContain('AES-256 key that opens a sealed value');
    expect(labels(keyProfile)).toContain('private key (PEM)');
    expect(labels(deviceProfile)).toContain('refresh token');
    // Found by decrypting, not lying in plain text: the PEM itself is not in any file.
    expect(
      keyProfile?.findings
        .filter((f) => f.label === 'private key (PEM)')
        .every((f) => f.where.startsWith('decrypted')),
    ).toBe(true);
  });
});
