// A member who is not an owner signs in: the options page, the panel and the popup all say
// "{login} is not an owner of {org}" (GitHub's own PAT endpoints would answer a bare 403).
import { expect, openOptions, panelFrame, signInWithDevice, test } from './fixtures';

const ORG = 'acme';

test('a non-owner signing in reads "{login} is not an owner of {org}" on every surface', async ({
  context,
  extensionId,
  fake,
}) => {
  fake.seedOrg(ORG, { grants: 20, seed: 3, owners: ['octo-owner'], members: ['octo-member'] });
  const options = await openOptions(context, extensionId);
  await signInWithDevice(context, options, fake, 'octo-member');

  await options.getByRole('textbox', { name: 'Organization' }).fill(ORG);
  await options.getByRole('button', { name: 'Test connection' }).click();
  const result = options.getByRole('status', { name: 'Connection result' });
  await expect(result).toContainText('octo-member is not an owner of acme');
  await expect(result).not.toContainText(/permission|offline|did not answer/i);

  const page = await context.newPage();
  await page.goto(`https://github.com/organizations/${ORG}/settings/personal-access-tokens/active`);
  const panel = (await panelFrame(page)).getByRole('region', { name: 'PATrol' });
  await expect(panel).toContainText('octo-member is not an owner of acme');

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('textbox', { name: 'Add organization' }).fill(ORG);
  await popup.getByRole('button', { name: 'Add organization' }).click();
  await expect(popup.getByRole('alert')).toContainText('octo-member is not an owner of acme');

  // The org's PAT endpoints were never asked: the role check answered first.
  expect(fake.requests.filter((ex) => /personal-access-tokens/.test(ex.restPath ?? ''))).toEqual([]);
  expect(fake.requests.some((ex) => ex.restPath === `/user/memberships/orgs/${ORG}`)).toBe(true);
});
