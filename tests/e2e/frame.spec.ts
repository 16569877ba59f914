// What the content script keeps for the panel frame: the colour theme, `/` from the page,
// the URL hash both ways, and that nothing from the page alters an open revocation dialog.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, openPanel, test } from './fixtures';

const ORG = 'acme';

/** A theme's page background as Primer's own file writes it, as `rgb(r, g, b)`. */
function primerBackground(theme: string): string {
  const file = createRequire(import.meta.url).resolve(
    `@primer/primitives/dist/css/functional/themes/${theme}.css`,
  );
  const hex = readFileSync(file, 'utf8').match(/\s--bgColor-default:\s*#([0-9a-f]{6});/)?.[1] ?? '';
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

test('the frame follows the page colour mode and theme, also when GitHub changes it in place', async ({
  context,
  extensionId,
  fake,
}) => {
  fake.state.colorMode = 'dark';
  const { page, frame } = await openPanel(context, extensionId, fake, { org: ORG, grants: 12, seed: 4 });
  const panel = frame.getByRole('region', { name: 'PATrol' });
  const background = () => panel.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background()).toBe(primerBackground('dark'));

  // GitHub's theme picker rewrites <html>'s attributes without a page load.
  await page.evaluate(() => document.documentElement.setAttribute('data-dark-theme', 'dark_dimmed'));
  await expect.poll(background).toBe(primerBackground('dark-dimmed'));
  await page.evaluate(() => document.documentElement.setAttribute('data-color-mode', 'light'));
  await expect.poll(background).toBe(primerBackground('light'));
  expect(primerBackground('light')).not.toBe(primerBackground('dark-dimmed'));
});

test('`/` on the page focuses the filter inside the frame; the hash follows the box and the box the hash', async ({
  context,
  extensionId,
  fake,
}) => {
  // A shared link opens the filtered view.
  const { page, frame } = await openPanel(context, extensionId, fake, {
    org: ORG,
    grants: 40,
    seed: 8,
    hash: (seeded) => `#patrol=${encodeURIComponent(`owner:${seeded[0]?.owner.login ?? ''}`)}`,
  });
  const owner = fake.liveGrants(ORG)[0]?.owner.login ?? '';
  const mine = fake.liveGrants(ORG).filter((g) => g.owner.login.toLowerCase() === owner.toLowerCase());
  const filter = frame.getByRole('textbox', { name: 'Filter tokens' });
  const status = frame.getByRole('status').filter({ hasText: 'tokens' });
  await expect(filter).toHaveValue(`owner:${owner}`);
  await expect(status).toHaveText(`${mine.length} of 40 tokens`);

  // Focus is on GitHub's page; `/` moves it into the frame's filter box.
  await page.locator('h2', { hasText: 'Active tokens' }).click();
  await page.keyboard.press('/');
  await expect(filter).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('is:expired');
  await expect(filter).toHaveValue('is:expired');
  const expired = fake
    .liveGrants(ORG)
    .filter((g) => g.token_expires_at && Date.parse(g.token_expires_at) < Date.now());
  await expect(status).toHaveText(`${expired.length} of 40 tokens`);
  // Current as soon as the status is (no pause in typing first).
  await expect
    .poll(() => page.evaluate(() => decodeURIComponent(location.hash)), { timeout: 250 })
    .toBe('#patrol=is:expired');

  // Back to the shared link's entry: the URL wins over the box.
  await page.evaluate((q) => {
    location.hash = `patrol=${encodeURIComponent(q)}`;
  }, 'expires:never');
  await expect(filter).toHaveValue('expires:never');
  await page.goBack();
  await expect(filter).toHaveValue('is:expired');
});

test('a hash change from the page while the dialog is open changes neither the dialog nor what is revoked', async ({
  context,
  extensionId,
  fake,
}) => {
  const { page, frame } = await openPanel(context, extensionId, fake, { org: ORG, grants: 30, seed: 12 });
  const filter = frame.getByRole('textbox', { name: 'Filter tokens' });
  const owner = fake.liveGrants(ORG)[0]?.owner.login ?? '';
  const chosen = fake
    .liveGrants(ORG)
    .filter((g) => g.owner.login.toLowerCase() === owner.toLowerCase())
    .map((g) => g.id);
  expect(chosen.length).toBeGreaterThan(1);
  await filter.fill(`owner:${owner}`);
  await frame.getByRole('checkbox', { name: 'Select all matching' }).check();
  await frame.getByRole('button', { name: 'Revoke selected' }).click();
  const title = `Revoke ${chosen.length} tokens`;
  const dialog = frame.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();

  // The page widens the filter to every token, by the URL, while the owner reads the dialog.
  await page.evaluate(() => {
    location.hash = 'patrol=';
  });
  await page.waitForTimeout(500);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Tokens to revoke' }).getByRole('listitem')).toHaveCount(
    chosen.length,
  );
  await expect(filter).toHaveValue(`owner:${owner}`);
  await dialog.getByRole('textbox', { name: 'Organization name' }).fill(ORG);
  await dialog.getByRole('button', { name: title }).click();
  await expect(frame.getByText(`Revoked ${chosen.length} of ${chosen.length} tokens`)).toBeVisible({
    timeout: 30_000,
  });
  expect(fake.revokedGrantIds(ORG)).toEqual(chosen.sort((a, b) => a - b));
  // Closed, the dialog lets the URL's filter apply.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(filter).toHaveValue('');
});
