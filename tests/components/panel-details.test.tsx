// Issue 13 item 2: "Token details", reachable by click and by keyboard.
import { cleanup, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { makeToken, perm } from '../lib/token-factory';
import { type Call, NOW, renderPanel } from './panel-fixtures';

afterEach(cleanup);

const DAY = 86_400_000;

const subset = makeToken({
  tokenName: 'deploy-bot',
  ownerLogin: 'carol',
  repositorySelection: 'subset',
  permissions: [
    perm('repository', 'metadata', 'read'),
    perm('repository', 'contents', 'write'),
    perm('organization', 'members', 'write'),
    perm('other', 'gpg_keys', 'read'),
  ],
  grantedAt: new Date(NOW - 10 * DAY),
  expiresAt: null,
  lastUsedAt: new Date(NOW - 3 * DAY),
});
const other = makeToken({
  tokenName: 'other',
  ownerLogin: 'dave',
  repositorySelection: 'all',
  lastUsedAt: null,
});

const repos = {
  'grants.repositories': ({ grantIds }: { org: string; grantIds: number[] }) =>
    Object.fromEntries(grantIds.map((id) => [String(id), ['acme/api', 'acme/web']])),
};
const repoCalls = (calls: Call[]) => calls.filter((c) => c.type === 'grants.repositories');

describe('token details', () => {
  it('open on a click of the name with everything the row cannot show', async () => {
    const user = userEvent.setup();
    const { calls } = await renderPanel([subset, other], repos);
    expect(screen.queryByRole('region', { name: 'Token details' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'deploy-bot' }));
    const details = screen.getByRole('region', { name: 'Token details' });
    expect(within(details).getByRole('heading', { name: 'deploy-bot' })).toBe(document.activeElement);
    const text = details.textContent ?? '';
    expect(text).toContain(`Grant id${subset.grantId}`);
    expect(text).toContain(`Token id${subset.tokenId}`);
    expect(text).toContain('Ownercarol');

    // The repository list, fetched through the worker for this one token.
    const list = await within(details).findByRole('list', { name: 'Repositories' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['acme/api', 'acme/web']);
    expect(details.textContent).toContain('Selected: 2 repositories');
    expect(repoCalls(calls).map((c) => c.input)).toEqual([{ org: 'acme', grantIds: [subset.grantId] }]);

    // Permissions grouped as GitHub groups them.
    const group = (label: string) =>
      within(details)
        .getByRole('list', { name: `${label} permissions` })
        .textContent?.replace(/\s+/g, ' ');
    expect(group('Organization')).toBe('members: write');
    expect(group('Repository')).toBe('contents: writemetadata: read');
    expect(group('Account')).toBe('gpg_keys: read');

    // Risk and each reason as text, not a tooltip.
    expect(details.textContent).toContain('High risk');
    const reasons = within(details).getByRole('list', { name: 'Risk reasons' });
    expect(
      within(reasons)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'write on organization/members, a sensitive permission',
      'write on repository/contents',
      'Never expires',
    ]);

    // Dates absolute and relative.
    expect(details.textContent).toContain('Never expires');
    expect(details.textContent).toContain(`Last used${new Date(NOW - 3 * DAY).toISOString().slice(0, 10)}`);
    expect(details.textContent).toContain('(3 days ago)');
    expect(details.textContent).toContain('(10 days ago)');

    const link = within(details).getByRole('link', { name: 'View this token on GitHub' });
    expect(link.getAttribute('href')).toBe(
      `https://github.com/organizations/acme/settings/personal-access-tokens/${subset.grantId}`,
    );
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('open with Enter on a row, and Esc closes them and puts focus back on the row', async () => {
    const user = userEvent.setup();
    await renderPanel([subset, other], repos);
    const rows = screen.getAllByRole('row').slice(1);
    rows[0]?.focus();
    await user.keyboard('{ArrowDown}');
    const second = screen.getAllByRole('row').find((r) => r.textContent?.includes('dave'));
    expect(document.activeElement).toBe(second);
    await user.keyboard('{Enter}');
    const details = screen.getByRole('region', { name: 'Token details' });
    expect(within(details).getByRole('heading', { name: 'other' })).toBe(document.activeElement);
    expect(details.textContent).toContain('All repositories');
    expect(details.textContent).toContain('Never used');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Token details' })).toBeNull();
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getAllByRole('row').find((r) => r.textContent?.includes('dave')),
      ),
    );
  });

  it('are left out of the tab order of the row, so the table stays one tab stop', async () => {
    await renderPanel([subset, other], repos);
    expect(screen.getByRole('button', { name: 'deploy-bot' }).tabIndex).toBe(-1);
  });
});
