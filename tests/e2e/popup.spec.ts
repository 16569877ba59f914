import { configurePrivateKey, expect, openOptions, panelFrame, sendFromPage, test } from './fixtures';

test('popup: quick search across two loaded orgs opens the token in the panel', async ({
  context,
  extensionId,
  fake,
}) => {
  fake.seedOrg('acme', { grants: 120, seed: 21 });
  fake.seedOrg('globex', { grants: 80, seed: 22 });
  const options = await openOptions(context, extensionId);
  await configurePrivateKey(options, fake, 'acme');
  for (const org of ['acme', 'globex']) {
    expect((await sendFromPage(options, 'grants.load', { org, refresh: true })).ok).toBe(true);
  }
  const target = fake.liveGrants('globex')[3];
  if (!target) throw new Error('seed produced too few grants');

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const box = popup.getByRole('textbox', { name: 'Search tokens' });
  await expect(box).toBeFocused();
  await expect(popup.getByText('acme', { exact: true })).toBeVisible();
  await expect(popup.getByText('globex', { exact: true })).toBeVisible();

  // Qualifiers and fuzzy text together, over both orgs' caches.
  await box.fill(`owner:${target.owner.login} ${target.token_name.slice(0, 6)}`);
  const option = popup
    .getByRole('option')
    .filter({ hasText: target.token_name.slice(0, 6) })
    .first();
  await expect(option).toBeVisible();
  await expect(option).toContainText('globex');
  await expect(option.locator('mark').first()).toBeVisible();

  await box.fill(target.token_name);
  await expect(popup.getByRole('option').first()).toContainText(target.token_name);
  const opened = context.waitForEvent('page');
  await box.press('Enter');
  const tab = await opened;
  await tab.waitForLoadState('domcontentloaded');
  const url = new URL(tab.url());
  expect(url.origin + url.pathname).toBe(
    'https://github.com/organizations/globex/settings/personal-access-tokens/active',
  );
  expect(decodeURIComponent(url.hash)).toContain(`owner:${target.owner.login}`);
  // The panel opens on that token's details (issue 13 item 8).
  const details = (await panelFrame(tab)).getByRole('region', { name: 'Token details' });
  await expect(details).toBeVisible();
  await expect(details.getByText(String(target.id), { exact: true })).toBeVisible();
});
