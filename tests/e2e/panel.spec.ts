import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { GrantJson } from '../fake-github/render.ts';
import {
  configurePrivateKey,
  count,
  expect,
  openOptions,
  openPanel,
  panelFrame,
  panelFrames,
  test,
} from './fixtures';

const ORG = 'acme';
const ACTIVE = `https://github.com/organizations/${ORG}/settings/personal-access-tokens/active`;
const DAY = 86_400_000;

// Independent expectations, computed from the fake's JSON without PATrol's code.
const levels = ['read', 'write', 'admin'];
function hasPermission(grant: GrantJson, name: string, atLeast: string): boolean {
  return Object.values(grant.permissions).some((scope) => {
    const level = (scope as Record<string, string> | undefined)?.[name];
    return level !== undefined && levels.indexOf(level) >= levels.indexOf(atLeast);
  });
}
const notUsedSince = (grant: GrantJson, days: number, now: number) =>
  grant.token_last_used_at === null || Date.parse(grant.token_last_used_at) < now - days * DAY;

test.describe('the Active tokens panel', () => {
  test('filters to independent counts, selects all matching, exports, then revokes exactly those', async ({
    context,
    extensionId,
    fake,
  }) => {
    const { page, frame } = await openPanel(context, extensionId, fake, {
      org: ORG,
      grants: 1200,
      seed: 42,
      hostile: true,
    });
    const panel = frame.getByRole('region', { name: 'PATrol' });
    const status = panel.getByRole('status').filter({ hasText: 'tokens' });
    const grants = fake.liveGrants(ORG);
    await expect(status).toHaveText(`${count(grants.length)} of ${count(grants.length)} tokens`);
    // Only visible rows are in the DOM.
    expect(await panel.getByRole('row').count()).toBeLessThan(150);

    const filter = panel.getByRole('textbox', { name: 'Filter tokens' });
    const now = Date.now();
    const plainOwner = grants.find((g) => /^[A-Za-z0-9-]+$/.test(g.owner.login))?.owner.login ?? '';
    const cases: [string, (grant: GrantJson) => boolean][] = [
      [
        'access:all perm:contents:write',
        (g) => g.repository_selection === 'all' && hasPermission(g, 'contents', 'write'),
      ],
      ['used:>90d', (g) => notUsedSince(g, 90, now)],
      ['expires:never', (g) => g.token_expires_at === null],
      [`owner:${plainOwner}`, (g) => g.owner.login.toLowerCase() === plainOwner.toLowerCase()],
    ];
    for (const [query, predicate] of cases) {
      await filter.fill(query);
      await expect(status).toHaveText(
        `${count(grants.filter(predicate).length)} of ${count(grants.length)} tokens`,
      );
    }
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toContain(cases.at(-1)?.[0]);

    // Select all matching a query whose result spans many screens.
    const query = 'perm:contents -access:none';
    const expected = grants.filter(
      (g) => hasPermission(g, 'contents', 'read') && g.repository_selection !== 'none',
    );
    expect(expected.length).toBeGreaterThan(100);
    await filter.fill(query);
    await panel.getByRole('checkbox', { name: 'Select all matching' }).check();
    await expect(status).toHaveText(
      `${count(expected.length)} of ${count(grants.length)} tokens · ${count(expected.length)} selected`,
    );

    // The audit CSV of exactly the selection, read back with a CSV parser.
    const download = page.waitForEvent('download');
    await panel
      .getByRole('button', { name: `Export ${expected.length.toLocaleString('en-US')} selected` })
      .click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^${ORG}-tokens-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const csv = readFileSync((await file.path()) ?? '', 'utf8');
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields?.slice(0, 4)).toEqual(['org', 'grant_id', 'token_id', 'token_name']);
    expect(parsed.data.map((row) => Number(row.grant_id)).sort((a, b) => a - b)).toEqual(
      expected.map((g) => g.id).sort((a, b) => a - b),
    );
    for (const row of parsed.data) expect(row.token_name).not.toMatch(/^[=+\-@\t\r]/);
    const subset = expected.find((g) => g.repository_selection === 'subset');
    if (subset)
      expect(parsed.data.find((row) => Number(row.grant_id) === subset.id)?.repositories).toMatch(/^acme\//);

    // Revoke: the dialog lists them, the org name must be typed.
    await panel.getByRole('button', { name: 'Revoke selected' }).click({ timeout: 10_000 });
    const dialog = frame.getByRole('dialog', { name: `Revoke ${expected.length} tokens` });
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole('button', { name: `Revoke ${expected.length} tokens` });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Organization name' }).fill(ORG);
    await confirm.click({ timeout: 10_000 });
    await expect(panel.getByText(`Revoked ${expected.length} of ${expected.length} tokens`)).toBeVisible({
      timeout: 60_000,
    });

    expect(fake.revokedGrantIds(ORG)).toEqual(expected.map((g) => g.id).sort((a, b) => a - b));
    const posts = fake.requests.filter(
      (ex) => ex.method === 'POST' && ex.restPath === `/orgs/${ORG}/personal-access-tokens`,
    );
    for (const post of posts)
      expect((post.body as { pat_ids: number[] }).pat_ids.length).toBeLessThanOrEqual(100);
    expect(posts.length).toBe(Math.ceil(expected.length / 100));
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await filter.press('Escape'); // Esc clears the filter
    await expect(filter).toHaveValue('');
    await expect(status).toHaveText(
      `${count(grants.length - expected.length)} of ${count(grants.length - expected.length)} tokens`,
    );
  });

  test('renders hostile token names and logins as inert text', async ({ context, extensionId, fake }) => {
    const dialogs: string[] = [];
    const { frame } = await openPanel(context, extensionId, fake, {
      org: ORG,
      grants: 40,
      seed: 9,
      hostile: true,
      beforeLoad: (page) =>
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        }),
    });
    const panel = frame.getByRole('region', { name: 'PATrol' });
    const filter = panel.getByRole('textbox', { name: 'Filter tokens' });
    await filter.fill('img');
    await expect(panel.getByRole('row').getByText('<img src=x onerror=alert(1)>').first()).toBeVisible();
    await filter.fill('script');
    await expect(panel.getByRole('row').getByText('<script>alert(1)</script>').first()).toBeVisible();
    const injected = await frame.evaluate(() => {
      const root = document.querySelector('section[aria-label="PATrol"]');
      return {
        mounted: Boolean(root),
        images: root?.querySelectorAll('img').length ?? -1,
        scripts: root?.querySelectorAll('script').length ?? -1,
      };
    });
    expect(injected).toEqual({ mounted: true, images: 0, scripts: 0 });
    expect(dialogs).toEqual([]);
  });
});

test('not configured: the panel says so and opens the options page', async ({ context, fake }) => {
  fake.seedOrg(ORG, { grants: 5, seed: 1 });
  const page = await context.newPage();
  await page.goto(ACTIVE);
  const panel = (await panelFrame(page)).getByRole('region', { name: 'PATrol' });
  await expect(panel.getByText('Connect PATrol to GitHub')).toBeVisible();
  const opened = context.waitForEvent('page');
  await panel.getByRole('button', { name: 'Open PATrol options' }).click();
  const options = await opened;
  await expect(options.getByRole('textbox', { name: 'Client ID or App ID' })).toBeVisible();
  expect(options.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/options\.html/);
});

test('follows GitHub soft navigation into and out of the Active tokens page, mounting once', async ({
  context,
  extensionId,
  fake,
}) => {
  fake.seedOrg(ORG, { grants: 30, seed: 3 });
  const options = await openOptions(context, extensionId);
  await configurePrivateKey(options, fake, ORG);
  const page = await context.newPage();
  await page.goto(`https://github.com/organizations/${ORG}/settings/profile`);
  const hosts = page.locator('patrol-panel');
  const status = async () =>
    (await panelFrame(page))
      .getByRole('region', { name: 'PATrol' })
      .getByRole('status')
      .filter({ hasText: 'tokens' });
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
  await expect(hosts).toHaveCount(0); // other settings pages get no panel
  expect(panelFrames(page)).toHaveLength(0);

  await page.locator('#soft-link-active-tokens').click();
  await expect(page).toHaveURL(ACTIVE);
  await expect(await status()).toHaveText('30 of 30 tokens');
  await expect(hosts).toHaveCount(1);
  expect(panelFrames(page)).toHaveLength(1);

  await page
    .getByRole('navigation', { name: 'Organization settings' })
    .getByRole('link', { name: 'General' })
    .click();
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await expect(hosts).toHaveCount(0);
  await expect.poll(() => panelFrames(page).length).toBe(0);

  await page
    .getByRole('navigation', { name: 'Organization settings' })
    .getByRole('link', { name: 'Personal access tokens' })
    .click();
  await expect(await status()).toHaveText('30 of 30 tokens');
  await page.waitForTimeout(2_000); // past the content script's second look after navigation
  await expect(hosts).toHaveCount(1);
  expect(panelFrames(page)).toHaveLength(1);
});
