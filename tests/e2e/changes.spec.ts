// What changed since the last review, end to end in Chromium: the first load is the baseline;
// "Mark reviewed"; a token revoked through the panel; the org changes in the fake between two
// visits (tokens created, deleted, edited); Reload; each count and each listed id checked
// against the fake's truth; a second review; its CSV exported from the options page, its
// digest recomputed from its rows.
import { readFileSync } from 'node:fs';
import { recomputeDigest } from '../support/review-digest';
import { frameAsPage, violations } from './axe';
import { expect, openPanel, sendFromPage, test } from './fixtures';

const ORG = 'acme';
const DAY = 86_400_000;
const asc = (ids: number[]) => [...ids].sort((a, b) => a - b);

test('counts what changed since the review against the fake, and exports a verifiable review', async ({
  context,
  extensionId,
  fake,
}) => {
  const { frame, options } = await openPanel(context, extensionId, fake, { org: ORG, grants: 300, seed: 15 });
  const panel = frame.getByRole('region', { name: 'PATrol' });
  const status = panel.getByRole('status').filter({ hasText: 'tokens' });
  const before = fake.liveGrants(ORG);
  await expect(status).toHaveText(`${before.length} of ${before.length} tokens`);

  // The first load is the baseline: nothing changed, "Mark reviewed" records the first review.
  await panel.getByRole('button', { name: 'Mark reviewed' }).click();
  const confirm = panel.getByRole('alertdialog', { name: `Mark ${ORG} reviewed` });
  await expect(confirm).toContainText('0 new, 0 changed, 0 gone');
  await confirm.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(panel.getByText(`Reviewed by App ${fake.app.slug}`)).toBeVisible();
  await expect(panel.getByRole('button', { name: /since review/ })).toHaveCount(0);

  // One token revoked through PATrol after the review: the next review records it.
  const labels = before.map((g) => `Select ${g.token_name} by ${g.owner.login}`);
  const revoked = before.find(
    (_g, i) => i > 250 && labels.indexOf(labels[i] ?? '') === i && labels.lastIndexOf(labels[i] ?? '') === i,
  );
  if (!revoked) throw new Error('no token with a unique name and owner');
  const filter = panel.getByRole('textbox', { name: 'Filter tokens' });
  await filter.fill(`owner:${revoked.owner.login}`);
  await panel
    .getByRole('checkbox', { name: `Select ${revoked.token_name} by ${revoked.owner.login}`, exact: true })
    .check();
  await panel.getByRole('button', { name: 'Revoke selected' }).click();
  const dialog = frame.getByRole('dialog', { name: 'Revoke 1 token' });
  await dialog.getByRole('button', { name: 'Revoke 1 token' }).click();
  await expect(panel.getByText('Revoked 1 of 1 token', { exact: true })).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await filter.fill('');

  // Between two visits: three tokens created, two deleted by their owners, three edited.
  const [edit1, edit2, edit3, del1, del2] = [
    before[3],
    before.filter((g) => g.repository_selection === 'all')[5],
    before[77],
    before[120],
    before[200],
  ].map((g) => g?.id ?? Number.NaN);
  const { added } = fake.changeOrg(ORG, {
    add: [
      { tokenName: 'created after review 1' },
      { tokenName: 'created after review 2' },
      { tokenName: 'created after review 3' },
    ],
    remove: [del1 as number, del2 as number],
    edit: {
      [edit1 as number]: { permissions: { organization: { administration: 'write' } } },
      [edit2 as number]: { repositorySelection: 'none', permissions: { organization: { members: 'read' } } },
      [edit3 as number]: { expiresAt: fake.now() + 400 * DAY },
    },
  });
  await panel.getByRole('button', { name: 'Reload' }).click();
  const after = fake.liveGrants(ORG);
  await expect(status).toHaveText(`${after.length} of ${after.length} tokens`);

  const truth = {
    new: asc(added),
    changed: asc([edit1, edit2, edit3] as number[]),
    gone: asc([del1, del2, revoked.id] as number[]),
  };
  const names = new Map(
    [...before, ...after].map((g) => [g.id, `Select ${g.token_name} by ${g.owner.login}`]),
  );
  for (const [label, key] of [
    ['New since review', 'new'],
    ['Changed since review', 'changed'],
    ['Gone since review', 'gone'],
  ] as const) {
    const ids = truth[key];
    const button = panel.getByRole('button', { name: `${label} ${ids.length}` });
    await button.click();
    await expect(status).toHaveText(`${ids.length} of ${after.length} tokens`);
    for (const id of ids)
      await expect(panel.getByRole('checkbox', { name: names.get(id), exact: true })).toBeVisible();
    await expect(panel.getByRole('row').filter({ has: frame.getByRole('checkbox') })).toHaveCount(ids.length);
    await button.click(); // a second click clears it
  }
  // The worker's own answer lists exactly those ids.
  const changes = await sendFromPage(options, 'changes.read', { org: ORG });
  if (!changes.ok || !changes.data) throw new Error('no changes');
  expect({
    new: changes.data.new,
    changed: changes.data.changed,
    gone: changes.data.gone.map((g) => g.grantId),
  }).toEqual(truth);

  // Gone tokens are marked and never selectable, not by "Select all matching" either.
  await panel.getByRole('textbox', { name: 'Filter tokens' }).fill('is:gone');
  await expect(panel.getByRole('checkbox', { name: names.get(del1 as number), exact: true })).toBeDisabled();
  await expect(panel.getByRole('checkbox', { name: 'Select all matching' })).toBeDisabled();
  await expect(panel.getByText('Gone', { exact: true })).toHaveCount(3);
  // Gone rows and the three buttons pass axe, as the rest of the panel does.
  expect(await violations(frameAsPage(frame), 'gone rows')).toEqual([]);
  await panel.getByRole('textbox', { name: 'Filter tokens' }).fill('');

  // The second review names the counts, then the list is the baseline.
  await panel.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(confirm).toContainText('3 new, 3 changed, 3 gone');
  expect(await violations(frameAsPage(frame), 'Mark reviewed, with counts')).toEqual([]);
  await confirm.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(panel.getByRole('button', { name: /since review/ })).toHaveCount(0);

  // The review history on the options page, and the evidence CSV of the newest review.
  await options.reload();
  const history = options.getByRole('table', { name: 'Review history' });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText(
    `${after.length} tokens: 3 new, 3 changed, 3 gone, 1 revoked`,
  );
  expect(await violations(options, 'review history')).toEqual([]);
  const download = options.waitForEvent('download');
  await history.getByRole('row').nth(1).getByRole('button', { name: 'Export review' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${ORG}-review-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = readFileSync((await file.path()) ?? '', 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const { rows: body, trailer, cell, stated, recomputed } = recomputeDigest(csv);
  const idsWith = (decision: string) =>
    asc(body.filter((r) => cell(r, 'decision') === decision).map((r) => Number(cell(r, 'grant_id'))));
  expect(idsWith('kept')).toEqual(asc(after.map((g) => g.id)));
  expect(idsWith('revoked')).toEqual([revoked.id]);
  expect(body.length).toBe(after.length + 1);
  expect(body.every((r) => cell(r, 'reviewer') === `App ${fake.app.slug}`)).toBe(true);
  // The digest, recomputed as README "What changed" defines it.
  expect(trailer[0]).toBe('snapshot_sha256');
  expect(recomputed).toBe(stated);
});
