// The "SSO credentials" tab end to end in Chromium against the fake GitHub: 150 SAML credential
// authorizations listed, filtered to independent counts, 40 selected, exported, and removed
// through the confirmation; exactly those 40 DELETEs reach the fake. Also the no-SAML state.
import { readFileSync } from 'node:fs';
import type { Frame } from '@playwright/test';
import Papa from 'papaparse';
import { DEFAULT_PERMISSIONS } from '../fake-github/state.ts';
import { expect, openPanel, test } from './fixtures';

const ORG = 'acme';
const DAY = 86_400_000;
const admin = { ...DEFAULT_PERMISSIONS, administration: 'write' };

async function openSsoTab(frame: Frame) {
  await frame.getByRole('tab', { name: 'SSO credentials' }).click();
  await expect(frame.getByRole('tab', { name: 'SSO credentials' })).toHaveAttribute('aria-selected', 'true');
  return frame.getByRole('region', { name: 'SSO credentials' });
}

test.describe('the SSO credentials tab', () => {
  test('lists 150, filters, exports and removes a selection of 40: exactly those DELETEs reach GitHub', async ({
    context,
    extensionId,
    fake,
  }) => {
    test.setTimeout(180_000);
    const { page, frame } = await openPanel(context, extensionId, fake, {
      org: ORG,
      grants: 20,
      saml: true,
      credentials: 150,
      hostile: true,
      permissions: admin,
    });
    await expect(frame.getByRole('region', { name: 'PATrol' })).toBeVisible();
    // The tab loads only when opened: the fine-grained view asked nothing about SSO.
    expect(fake.requests.filter((r) => r.path.includes('credential-authorizations'))).toEqual([]);

    const sso = await openSsoTab(frame);
    const status = sso.getByRole('status').filter({ hasText: /^[\d,]+ of [\d,]+ credentials/ });
    const live = fake.liveCredentials(ORG);
    await expect(status).toHaveText('150 of 150 credentials');

    const filter = sso.getByRole('textbox', { name: 'Filter credentials' });
    const now = Date.now();
    const scopes = (c: Record<string, unknown>) => (c.scopes as string[] | undefined) ?? [];
    const cases: [string, (c: Record<string, unknown>) => boolean][] = [
      ['type:ssh', (c) => c.credential_type === 'SSH key'],
      [
        'type:pat scope:repo',
        (c) => c.credential_type === 'personal access token' && scopes(c).includes('repo'),
      ],
      [
        'used:>90d',
        (c) =>
          c.credential_accessed_at === null || Date.parse(String(c.credential_accessed_at)) < now - 90 * DAY,
      ],
      // An SSH key has no expiry: it never expires.
      [
        '-type:pat expires:never',
        (c) =>
          c.credential_type !== 'personal access token' &&
          (c.authorized_credential_expires_at ?? null) === null,
      ],
    ];
    for (const [query, predicate] of cases) {
      await filter.fill(query);
      await expect(status).toHaveText(`${live.filter(predicate).length} of 150 credentials`);
    }
    await filter.fill('type:nonsense');
    await expect(sso.getByText('type: takes pat, ssh, oauth or app')).toBeVisible();
    await expect(status).toHaveText('0 of 150 credentials');
    await filter.fill('');

    // Select the first 40 rows, one checkbox each.
    const rows = sso.getByRole('table', { name: 'SSO credentials' }).getByRole('checkbox');
    await expect(rows).toHaveCount(150);
    for (let i = 0; i < 40; i++) await rows.nth(i).check();
    await expect(status).toHaveText('150 of 150 credentials · 40 selected');
    const selected = live.slice(0, 40).map((c) => Number(c.credential_id));

    const download = page.waitForEvent('download');
    await sso.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      new RegExp(`^${ORG}-sso-credentials-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const csv = Papa.parse<Record<string, string>>(
      readFileSync((await file.path()) ?? '', 'utf8').replace(/^\uFEFF/, ''),
      {
        header: true,
        skipEmptyLines: true,
      },
    );
    expect(csv.data.map((row) => Number(row.credential_id)).sort()).toEqual([...selected].sort());

    await sso.getByRole('button', { name: 'Remove authorization' }).click();
    const dialog = frame.getByRole('dialog', { name: 'Remove SSO authorization for 40 credentials' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    // The list's own height (entrypoints/panel/sso.css), not the 40vh of the revoke list whose
    // class it shares: sso.css loads before the panel's style.css (build/one-shared-chunk.ts).
    const heights = await dialog.getByRole('list', { name: 'Credentials to remove' }).evaluate((el) => {
      const style = getComputedStyle(el);
      return { max: style.maxHeight, page: style.getPropertyValue('--p-page-height').trim() };
    });
    expect(heights.max).toBe(`${Number.parseFloat(heights.page) * 0.3}px`);
    const confirm = dialog.getByRole('button', { name: 'Remove 40 authorizations' });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Organization name' }).fill(ORG);
    await confirm.click();
    await expect(sso.getByText('Removed 40 of 40 credentials')).toBeVisible({ timeout: 150_000 });
    await expect(status).toHaveText('110 of 110 credentials');

    const deletes = fake.requests.filter(
      (r) => r.method === 'DELETE' && r.path.includes('credential-authorizations'),
    );
    expect(deletes.map((r) => Number(r.path.split('/').pop())).sort()).toEqual([...selected].sort());
    expect(deletes.every((r) => r.status === 204)).toBe(true);
    expect([...fake.removedCredentialIds(ORG)].sort()).toEqual([...selected].sort());
  });

  test('an org without SAML says why and how to enable it; the fine-grained tab is unchanged', async ({
    context,
    extensionId,
    fake,
  }) => {
    const { frame } = await openPanel(context, extensionId, fake, {
      org: ORG,
      grants: 20,
      credentials: 5,
      permissions: admin,
    });
    const sso = await openSsoTab(frame);
    await expect(
      sso.getByRole('heading', { name: 'This organization does not use SAML single sign-on' }),
    ).toBeVisible();
    await expect(sso.getByText(/Enable SAML authentication/)).toBeVisible();
    await frame.getByRole('tab', { name: 'Fine-grained tokens' }).click();
    const panel = frame.getByRole('region', { name: 'PATrol' });
    await expect(panel.getByRole('status').filter({ hasText: 'tokens' })).toHaveText(
      /^[\d,]+ of [\d,]+ tokens$/,
    );
  });
});
