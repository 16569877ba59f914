// What changed since the review, in the panel: the three summary buttons (only when the list
// differs from the baseline), gone rows shown from the snapshot and never selectable (not by
// "Select all matching" either), and "Mark reviewed" confirmed with the counts, for the list shown.
import { act, cleanup, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangesView } from '../../lib/protocol';
import { toWire } from '../../lib/tokens';
import { makeToken } from '../lib/token-factory';
import { NOW, ORG, renderPanel } from './panel-fixtures';

afterEach(cleanup);

const tokens = [
  makeToken({ grantId: 1, tokenName: 'fresh', ownerLogin: 'alice' }),
  makeToken({ grantId: 2, tokenName: 'edited', ownerLogin: 'bob' }),
  makeToken({ grantId: 3, tokenName: 'same', ownerLogin: 'carol' }),
];
const gone = { tokenId: 77, ownerId: 9, repositorySelection: 'all' as const, expiresAt: null };
const view = (over: Partial<ChangesView> = {}): ChangesView => ({
  org: ORG,
  loadedAt: NOW,
  baselineAt: NOW - 86_400_000,
  reviewedAt: null,
  new: [1],
  changed: [2],
  gone: [
    { grantId: 40, tokenName: 'old deploy', ownerLogin: 'dave', ...gone },
    { grantId: 41, tokenName: 'old ci', ownerLogin: 'erin', ...gone },
  ],
  ...over,
});

describe('what changed since the review', () => {
  it('counts new, changed and gone, and filters each with one click', async () => {
    const user = userEvent.setup();
    await renderPanel(tokens, { 'changes.read': () => view() });
    await screen.findByRole('button', { name: 'New since review 1' });
    expect(screen.getByRole('button', { name: 'Changed since review 1' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'New since review 1' }));
    expect(screen.getByRole('status').textContent).toBe('1 of 3 tokens');
    expect(screen.getByRole('checkbox', { name: 'Select fresh by alice' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Changed since review 1' }));
    expect(screen.getByRole('checkbox', { name: 'Select edited by bob' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Select fresh by alice' })).toBeNull();
  });

  it('shows gone tokens from the snapshot, marked, and never selects them', async () => {
    const user = userEvent.setup();
    const { store } = await renderPanel(tokens, { 'changes.read': () => view() });
    await user.click(await screen.findByRole('button', { name: 'Gone since review 2' }));
    const row = screen.getByRole('checkbox', { name: 'Select old deploy by dave' });
    expect((row as HTMLInputElement).disabled).toBe(true);
    expect(within(row.closest('[role="row"]') as HTMLElement).getByText('Gone')).toBeTruthy();
    const all = screen.getByRole('checkbox', { name: 'Select all matching' }) as HTMLInputElement;
    expect(all.disabled).toBe(true);
    // Nor exported: the audit CSV is of GitHub's list.
    expect((screen.getByRole('button', { name: 'Export 0 matching' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    act(() => store.getState().toggleAllMatching());
    act(() => store.getState().clickRow(40, false));
    expect(store.getState().selection.size).toBe(0);
    // Without `is:gone` they are not rows at all: every other count is the list's own.
    act(() => store.getState().setQuery(''));
    expect(screen.getByRole('status').textContent).toBe('3 of 3 tokens');
    act(() => store.getState().toggleAllMatching());
    expect([...store.getState().selection].sort()).toEqual([1, 2, 3]);
  });

  it('has no "what changed" buttons when the list is the baseline', async () => {
    await renderPanel(tokens, { 'changes.read': () => view({ new: [], changed: [], gone: [] }) });
    await screen.findByRole('button', { name: 'Mark reviewed' });
    expect(screen.queryByRole('button', { name: /since review/ })).toBeNull();
  });

  it('asks before marking reviewed, naming the counts, then records the list shown', async () => {
    const user = userEvent.setup();
    let reviewed = false;
    const { calls } = await renderPanel(tokens, {
      'changes.read': () => (reviewed ? view({ new: [], changed: [], gone: [], reviewedAt: NOW }) : view()),
      'changes.review': () => {
        reviewed = true;
        return {
          id: 'acme-1',
          org: ORG,
          at: NOW,
          reviewer: 'octo-owner',
          digest: 'ab'.repeat(32),
          counts: { total: 3, new: 1, changed: 1, gone: 2, revoked: 0 },
          revoked: [],
          since: NOW - 86_400_000,
          exportable: true,
        };
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Mark reviewed' }));
    const dialog = screen.getByRole('alertdialog', { name: `Mark ${ORG} reviewed` });
    expect(dialog.textContent).toContain('1 new, 1 changed, 2 gone');
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(calls.some((c) => c.type === 'changes.review')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Mark reviewed' }));
    expect(calls.find((c) => c.type === 'changes.review')?.input).toEqual({ org: ORG, loadedAt: NOW });
    await screen.findByText(/Reviewed by octo-owner/);
    expect(screen.queryByRole('button', { name: /since review/ })).toBeNull();
  });
});

describe('repository lists and what changed', () => {
  it("fetches a token's lists again after a load from GitHub, then asks what changed", async () => {
    let loadedAt = NOW;
    const list = () => tokens.map(toWire);
    const { store, calls } = await renderPanel(tokens, {
      'grants.load': () => ({ org: ORG, loadedAt, count: tokens.length }),
      'grants.read': () => ({ org: ORG, loadedAt, tokens: list(), next: null }),
      'grants.repositories': ({ grantIds }) =>
        Object.fromEntries(grantIds.map((id) => [String(id), ['acme/api']])),
      'changes.read': () => view({ loadedAt }),
    });
    const count = (type: string) => calls.filter((c) => c.type === type).length;
    const fetchLists = () =>
      act(async () => {
        await store.getState().ensureRepositories([tokens[1] as (typeof tokens)[number]], 'Fetching');
      });
    await fetchLists();
    expect(count('grants.repositories')).toBe(1);
    const asked = count('changes.read');
    await fetchLists();
    expect(count('grants.repositories')).toBe(1); // the same list: known
    loadedAt = NOW + 60_000;
    await act(() => store.getState().load(true));
    await fetchLists();
    expect(count('grants.repositories')).toBe(2);
    expect(count('changes.read')).toBeGreaterThan(asked + 1);
  });
});
