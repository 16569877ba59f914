// Accessibility checked by machine (issue 13 item 9): axe-core over the panel frame in GitHub's
// themes and in the states an owner works in (rows selected, token details open, the revoke
// dialog open), over the popup and over the options page. Every rule axe runs by default is
// on; a finding is fixed in the product, never by turning its rule off.
import { frameAsPage, violations } from './axe';
import {
  configurePrivateKey,
  expect,
  openOptions,
  openPanel,
  resizePage,
  sendFromPage,
  test,
} from './fixtures';

const ORG = 'acme';

/** GitHub's theme settings as its <html> carries them; the content script passes them on. */
const LIGHT = [
  'light',
  'light_high_contrast',
  'light_colorblind',
  'light_colorblind_high_contrast',
  'light_tritanopia',
  'light_tritanopia_high_contrast',
];
const DARK = [
  'dark',
  'dark_dimmed',
  'dark_high_contrast',
  'dark_dimmed_high_contrast',
  'dark_colorblind',
  'dark_colorblind_high_contrast',
  'dark_tritanopia',
  'dark_tritanopia_high_contrast',
];
/** Every theme GitHub offers (all of @primer/primitives' 14). */
const THEMES = [
  ...LIGHT.map((light) => ({ name: light, mode: 'light', light, dark: 'dark' })),
  ...DARK.map((dark) => ({ name: dark, mode: 'dark', light: 'light', dark })),
];

// Three groups, so that workers share the themes.
const GROUPS = [
  [THEMES[0], THEMES[6], THEMES[7], THEMES[8], THEMES[9]], // light, dark, dimmed, high contrast
  THEMES.slice(1, 6),
  THEMES.slice(10),
].map((group) => group.filter((theme) => theme !== undefined));

for (const group of GROUPS) {
  test(`axe: the panel frame has no violations in ${group.map((t) => t.name).join(', ')}, with rows selected, details and the dialog open`, async ({
    context,
    extensionId,
    fake,
  }) => {
    test.setTimeout(180_000);
    const { page, frame } = await openPanel(context, extensionId, fake, { org: ORG, grants: 40, seed: 31 });
    const panel = frame.getByRole('region', { name: 'PATrol' });
    const found: string[] = [];
    // The same panel (same seed) before any theme change: scanned once, by the first group.
    if (group === GROUPS[0]) found.push(...(await violations(frameAsPage(frame), 'light, nothing selected')));

    for (const theme of group) {
      await page.evaluate((t) => {
        const html = document.documentElement;
        html.setAttribute('data-color-mode', t.mode);
        html.setAttribute('data-light-theme', t.light);
        html.setAttribute('data-dark-theme', t.dark);
      }, theme);
      await expect
        .poll(() => frame.evaluate(() => document.documentElement.getAttribute('data-dark-theme')))
        .toBe(theme.dark);
      await expect
        .poll(() => frame.evaluate(() => document.documentElement.getAttribute('data-light-theme')))
        .toBe(theme.light);

      // Two rows selected (their highlighted background is what contrast fails on first) and
      // the first one's details open.
      const rows = panel.getByRole('row');
      for (const i of [1, 2]) {
        const box = rows.nth(i).getByRole('checkbox');
        if (!(await box.isChecked())) await box.click();
      }
      await expect(panel.getByRole('status').filter({ hasText: 'tokens' })).toContainText('· 2 selected');
      if (!(await panel.getByRole('region', { name: 'Token details' }).isVisible())) {
        await rows.nth(1).getByRole('button').first().click();
      }
      await expect(panel.getByRole('region', { name: 'Token details' })).toBeVisible();
      // Hovered and focused states are part of the look too: the pointer rests on a row.
      await rows.nth(3).hover();
      found.push(...(await violations(frameAsPage(frame), `${theme.name}, selected + details`)));

      await panel.getByRole('button', { name: 'Revoke selected' }).click();
      const dialog = frame.getByRole('dialog', { name: 'Revoke 2 tokens' });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('textbox', { name: 'Organization name' }).fill(ORG);
      found.push(...(await violations(frameAsPage(frame), `${theme.name}, revoke dialog`)));
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    }
    expect(found).toEqual([]);
  });
}

test('axe: the panel frame has no violations when nothing matches, at 600 px and with the owner menu open', async ({
  context,
  extensionId,
  fake,
}) => {
  const { page, frame } = await openPanel(context, extensionId, fake, { org: ORG, grants: 20, seed: 32 });
  const panel = frame.getByRole('region', { name: 'PATrol' });
  await panel.getByRole('textbox', { name: 'Filter tokens' }).fill('perm:contnts owner:a,b');
  await expect(panel.getByText('No tokens match')).toBeVisible();
  // The rows stay in the DOM past the empty result (components/panel/row-slots.ts), none shown:
  // the hidden attribute must win over the rows' grid display.
  const kept = frame.locator('.patrol-body [role="row"]');
  expect(await kept.count()).toBeGreaterThan(0);
  expect(
    await kept.evaluateAll((rows) => rows.filter((r) => getComputedStyle(r).display !== 'none').length),
  ).toBe(0);
  const found = await violations(frameAsPage(frame), 'no match, errors under the box');
  await resizePage(page, frame, 600, 800);
  await panel.getByRole('button', { name: 'Clear filter' }).click();
  found.push(...(await violations(frameAsPage(frame), '600 px')));
  // The searchable owner menu open and narrowed, in light and in dark dimmed.
  await panel.getByRole('button', { name: 'Filter by owner' }).click();
  await panel.getByRole('combobox', { name: 'Filter owners' }).fill('a');
  await expect(panel.getByRole('listbox', { name: 'Owners' })).toBeVisible();
  found.push(...(await violations(frameAsPage(frame), 'owner menu, light')));
  await page.evaluate(() => {
    document.documentElement.setAttribute('data-color-mode', 'dark');
    document.documentElement.setAttribute('data-dark-theme', 'dark_dimmed');
  });
  await expect
    .poll(() => frame.evaluate(() => document.documentElement.getAttribute('data-dark-theme')))
    .toBe('dark_dimmed');
  found.push(...(await violations(frameAsPage(frame), 'owner menu, dark dimmed')));
  expect(found).toEqual([]);
});

test('axe: the popup with results and the options page, light and dark, have no violations', async ({
  context,
  extensionId,
  fake,
}) => {
  fake.seedOrg(ORG, { grants: 30, seed: 33 });
  const options = await openOptions(context, extensionId);
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme: scheme });
    found.push(...(await violations(options, `options (new), ${scheme}`)));
  }
  await configurePrivateKey(options, fake, ORG);
  expect((await sendFromPage(options, 'grants.load', { org: ORG, refresh: true })).ok).toBe(true);
  await options.reload();
  await expect(options.getByRole('button', { name: 'Sign out' })).toBeEnabled();
  for (const scheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme: scheme });
    found.push(...(await violations(options, `options (configured), ${scheme}`)));
  }

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const box = popup.getByRole('textbox', { name: 'Search tokens' });
  await expect(box).toBeFocused();
  await box.fill(fake.liveGrants(ORG)[0]?.owner.login ?? '');
  await expect(popup.getByRole('option').first()).toBeVisible();
  await popup.keyboard.press('ArrowDown');
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    found.push(...(await violations(popup, `popup with results, ${scheme}`)));
  }
  expect(found).toEqual([]);
});
