// Issue 13 in the real browser: the keyboard paths of the revoke dialog and the token details
// inside the panel frame, Primer's colours on the danger button and on the options page.
import type { GrantJson } from '../fake-github/render.ts';
import {
  activeTokensUrl,
  configurePrivateKey,
  expect,
  openOptions,
  openPanel,
  panelFrame,
  resizePage,
  test,
} from './fixtures';

const ORG = 'acme';

test('keyboard: Enter on a row opens its details, Esc returns; the dialog starts on Cancel and hands focus back', async ({
  context,
  extensionId,
  fake,
}) => {
  const { page, frame } = await openPanel(context, extensionId, fake, { org: ORG, grants: 30, seed: 5 });
  const panel = frame.getByRole('region', { name: 'PATrol' });

  // `/` from GitHub's page focuses the filter; Esc clears it.
  const filter = panel.getByRole('textbox', { name: 'Filter tokens' });
  const status = panel.getByRole('status').filter({ hasText: 'tokens' });
  await page.locator('h2', { hasText: 'Active tokens' }).click();
  await page.keyboard.press('/');
  await expect(filter).toBeFocused();
  await page.keyboard.type('is:expired -is:expired');
  await expect(status).toHaveText('0 of 30 tokens');
  await page.keyboard.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(status).toHaveText('30 of 30 tokens');

  // The owner menu: type to narrow, Enter chooses, Esc hands focus back to its button.
  const owner = fake.liveGrants(ORG)[0]?.owner.login ?? '';
  const menu = panel.getByRole('button', { name: 'Filter by owner' });
  await menu.focus();
  await page.keyboard.press('Enter');
  const ownerFilter = panel.getByRole('combobox', { name: 'Filter owners' });
  await expect(ownerFilter).toBeFocused();
  await page.keyboard.type(owner);
  await page.keyboard.press('Enter');
  await expect(filter).toHaveValue(`owner:${owner}`);
  await page.keyboard.press('Escape');
  await expect(ownerFilter).toBeHidden();
  await expect(menu).toBeFocused();
  await filter.fill('');
  const firstRow = panel.getByRole('row').nth(1);
  await firstRow.focus();
  await page.keyboard.press('ArrowDown');
  const second = panel.getByRole('row').nth(2);
  await expect(second).toBeFocused();
  await page.keyboard.press('Enter');
  const details = panel.getByRole('region', { name: 'Token details' });
  await expect(details).toBeVisible();
  await expect(details.getByRole('link', { name: 'View this token on GitHub' })).toHaveAttribute(
    'href',
    /^https:\/\/github\.com\/organizations\/acme\/settings\/personal-access-tokens\/\d+$/,
  );
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(second).toBeFocused();

  // Space selects the row; the dialog opens on Cancel, so Enter, Enter revokes nothing.
  await page.keyboard.press(' ');
  await panel.getByRole('button', { name: 'Revoke selected' }).click();
  const dialog = frame.getByRole('dialog', { name: 'Revoke 1 token' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const confirm = dialog.getByRole('button', { name: 'Revoke 1 token' });
  // A danger button: the theme's red (Primer's display red, which keeps 4.5:1 in every
  // theme), not the default button's colour.
  const colours = await confirm.evaluate((button) => {
    const root = getComputedStyle(button.ownerDocument.documentElement);
    const resolve = (name: string) => {
      const probe = button.ownerDocument.createElement('span');
      probe.style.color = root.getPropertyValue(name);
      button.ownerDocument.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    };
    return {
      actual: getComputedStyle(button).color,
      expected: resolve('--display-red-fgColor'),
      plain: resolve('--button-default-fgColor-rest'),
    };
  });
  expect(colours.expected).not.toBe('');
  expect(colours.actual).toBe(colours.expected);
  expect(colours.actual).not.toBe(colours.plain);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const revoke = panel.getByRole('button', { name: 'Revoke selected' });
  await expect(revoke).toBeFocused();
  // Opened from the keyboard, Tab stays inside the dialog and Esc closes it, focus back.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeFocused();
  expect(fake.revokedGrantIds(ORG)).toEqual([]);
});

test('the options page uses Primer at a readable size, light and dark', async ({ context, extensionId }) => {
  const page = await openOptions(context, extensionId);
  const save = page.getByRole('button', { name: 'Save' });
  await expect(save).toBeVisible();
  const look = () =>
    page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      const body = getComputedStyle(document.documentElement);
      const save = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save');
      return {
        fontSize: Number.parseFloat(getComputedStyle(document.querySelector('label') as Element).fontSize),
        background: body.backgroundColor,
        canvas: root.getPropertyValue('--bgColor-default').trim(),
        saveBackground: save ? getComputedStyle(save).backgroundColor : '',
      };
    });
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await look();
  expect(light.fontSize).toBeGreaterThanOrEqual(14);
  expect(light.canvas).not.toBe(''); // Primer's variables are there, not only the fallbacks
  expect(light.background).toBe('rgb(255, 255, 255)');
  expect(light.saveBackground).toBe('rgb(31, 136, 61)'); // Primer's primary button, light
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await look();
  expect(dark.background).toBe('rgb(13, 17, 23)'); // Primer's dark canvas, #0d1117
});

test("the popup's link opens the panel filtered to one token with its details open", async ({
  context,
  extensionId,
  fake,
}) => {
  const picked: { grant?: GrantJson; query?: string } = {};
  const { frame } = await openPanel(context, extensionId, fake, {
    org: ORG,
    grants: 12,
    seed: 8,
    hash: (seeded) => {
      const grant = seeded.find(
        (g) => /^[^"\\]+$/.test(g.token_name) && /^[A-Za-z0-9-]+$/.test(g.owner.login),
      );
      if (!grant) throw new Error('the seed has no plainly named token');
      picked.grant = grant;
      picked.query = `name:"${grant.token_name}" owner:${grant.owner.login}`;
      return `#patrol=${encodeURIComponent(picked.query)}&patrol-open=${grant.id}`;
    },
  });
  const { grant, query } = picked;
  if (!grant || !query) throw new Error('the hash was never chosen');
  const panel = frame.getByRole('region', { name: 'PATrol' });
  const details = panel.getByRole('region', { name: 'Token details' });
  await expect(details).toBeVisible();
  await expect(details.getByText(`${grant.id}`, { exact: true })).toBeVisible();
  await expect(panel.getByRole('textbox', { name: 'Filter tokens' })).toHaveValue(query);
});

test('at 800 and 600 px the header scrolls sideways with the rows and the token column stays', async ({
  context,
  extensionId,
  fake,
}) => {
  const { page, frame } = await openPanel(context, extensionId, fake, { org: ORG, grants: 30, seed: 6 });
  const table = frame.getByRole('table', { name: 'Tokens' });
  for (const width of [800, 600]) {
    await resizePage(page, frame, width, 900);
    await frame.evaluate(() => {
      const body = document.querySelectorAll('[role="rowgroup"]')[1] as HTMLElement;
      body.scrollLeft = 0;
      body.dispatchEvent(new Event('scroll'));
    });
    const left = (cell: ReturnType<typeof table.getByRole>) =>
      cell.evaluate((el) => Math.round(el.getBoundingClientRect().left));
    const header = (name: string) => table.getByRole('columnheader', { name });
    const firstRow = table.getByRole('row').nth(1);
    const cell = (i: number) => firstRow.getByRole('cell').nth(i);
    // Narrower than the columns' least widths: the rows scroll sideways.
    const overflowOf = () =>
      frame.evaluate(() => {
        const body = document.querySelectorAll('[role="rowgroup"]')[1] as HTMLElement;
        return body.scrollWidth - body.clientWidth;
      });
    const overflow = await overflowOf();
    expect(overflow, `the table fits ${width} px, nothing to scroll`).toBeGreaterThan(100);
    const tokenBefore = await left(cell(0));
    await frame.evaluate((by) => {
      const body = document.querySelectorAll('[role="rowgroup"]')[1] as HTMLElement;
      body.scrollLeft = by;
    }, overflow);
    await expect.poll(() => left(header('Expires'))).toBe(await left(cell(5)));
    expect(await left(header('Granted'))).toBe(await left(cell(7)));
    expect(await left(header('Token'))).toBe(tokenBefore);
    expect(await left(cell(0))).toBe(tokenBefore);
    // The pinned token column stays readable above what scrolls under it.
    await expect(cell(0).getByRole('button')).toBeVisible();
  }
});

test('a panel opened before the credentials were saved loads once its page is shown again', async ({
  context,
  extensionId,
  fake,
}) => {
  fake.seedOrg(ORG, { grants: 9, seed: 7 });
  const page = await context.newPage();
  await page.goto(activeTokensUrl(ORG));
  const frame = await panelFrame(page);
  const panel = frame.getByRole('region', { name: 'PATrol' });
  await expect(panel.getByRole('heading', { name: 'Connect PATrol to GitHub' })).toBeVisible();
  // The owner saves credentials in another tab, then comes back to GitHub's: the browser
  // tells the frame's document it is visible again (fired here, as headless tabs never hide).
  const options = await openOptions(context, extensionId);
  await configurePrivateKey(options, fake, ORG);
  await page.bringToFront();
  await frame.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(panel.getByRole('status').filter({ hasText: 'tokens' })).toHaveText('9 of 9 tokens');
});
