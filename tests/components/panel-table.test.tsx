import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { TableHead } from '../../components/panel/TokenTable';
import { makeToken, perm } from '../lib/token-factory';
import { countRenders } from '../support/render-count';
import { manyTokens, NOW, renderPanel } from './panel-fixtures';

afterEach(cleanup);

const bodyRows = () => screen.getAllByRole('row').slice(1);
const names = () => bodyRows().map((row) => within(row).getAllByRole('cell')[0]?.textContent);

describe('the token table', () => {
  it('redraws its column headers for a sort, not for a keystroke', async () => {
    const user = userEvent.setup();
    await renderPanel(manyTokens(6));
    const renders = countRenders(TableHead);
    try {
      fireEvent.input(screen.getByRole('textbox', { name: 'Filter tokens' }), {
        target: { value: 'owner:bob' },
      });
      expect(names()).toEqual(['token-0001', 'token-0003', 'token-0005']);
      expect(renders.count(TableHead)).toBe(0);
      await user.click(screen.getByRole('button', { name: 'Token' }));
      expect(renders.count(TableHead)).toBe(1);
      expect(screen.getAllByRole('columnheader')[0]?.getAttribute('aria-sort')).toBe('ascending');
    } finally {
      renders.stop();
    }
  });

  it('has the contract column headers, all unsorted at first', async () => {
    await renderPanel(manyTokens(3));
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual([
      'Token',
      'Owner',
      'Access',
      'Risk',
      'Permissions',
      'Expires',
      'Last used',
      'Granted',
    ]);
    for (const header of headers) expect(header.getAttribute('aria-sort')).toBe('none');
  });

  it('keeps only the visible rows in the DOM with 5,000 tokens', async () => {
    await renderPanel(manyTokens(5000));
    const table = screen.getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    const rendered = bodyRows().length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(screen.getByRole('status').textContent).toBe('5,000 of 5,000 tokens');
  });

  it('renders later rows after scrolling', async () => {
    await renderPanel(manyTokens(5000));
    const body = screen.getAllByRole('rowgroup')[1] as HTMLElement;
    body.scrollTop = 36 * 2500;
    fireEvent.scroll(body);
    expect(await screen.findByText('token-2500')).toBeTruthy();
    // Row 0 stays (it holds the table's tab stop); its neighbours are gone.
    expect(screen.queryByText('token-0005')).toBeNull();
    expect(bodyRows().length).toBeLessThan(60);
  });

  it('patches the rows in view in place when a keystroke changes which tokens they show', async () => {
    const { store } = await renderPanel(manyTokens(200));
    const before = bodyRows();
    expect(names()[0]).toBe('token-0000');
    act(() => store.getState().setQuery('token-01'));
    // Rows are keyed by position: the same elements now show the filtered tokens.
    expect(names().slice(0, 3)).toEqual(['token-0100', 'token-0101', 'token-0102']);
    const after = bodyRows();
    expect(after.length).toBeGreaterThan(5);
    for (const [i, row] of after.entries()) expect(row).toBe(before[i]);
  });

  it('keeps the rows past a shorter result hidden, and shows the same elements when it grows again', async () => {
    const { store } = await renderPanel(manyTokens(200));
    const before = bodyRows();
    expect(before.length).toBeGreaterThan(5);
    // Nothing matches (a qualifier half typed): no row is seen, every one is still there.
    act(() => store.getState().setQuery('owner:nobody'));
    expect(bodyRows()).toEqual([]);
    const kept = [...document.querySelectorAll<HTMLElement>('.patrol-body [role="row"]')];
    expect(kept.length).toBe(before.length);
    for (const [i, row] of kept.entries()) expect(row).toBe(before[i]);
    expect(kept.every((row) => row.hidden && !row.hasAttribute('data-index'))).toBe(true);
    // Two match: the first two rows show them, the rest stay hidden.
    act(() => store.getState().setQuery('token-0007'));
    expect(names()).toEqual(['token-0007']);
    act(() => store.getState().setQuery('token-01'));
    const after = bodyRows();
    expect(names().slice(0, 2)).toEqual(['token-0100', 'token-0101']);
    expect(after.length).toBe(before.length);
    for (const [i, row] of after.entries()) expect(row).toBe(before[i]);
  });

  it('sorts by a header click, toggling aria-sort and the order', async () => {
    const user = userEvent.setup();
    await renderPanel([
      makeToken({ tokenName: 'bravo' }),
      makeToken({ tokenName: 'Alpha' }),
      makeToken({ tokenName: 'charlie' }),
    ]);
    expect(names()).toEqual(['bravo', 'Alpha', 'charlie']);
    await user.click(screen.getByRole('button', { name: 'Token' }));
    const header = screen.getAllByRole('columnheader')[0] as HTMLElement;
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(names()).toEqual(['Alpha', 'bravo', 'charlie']);
    await user.click(screen.getByRole('button', { name: 'Token' }));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['charlie', 'bravo', 'Alpha']);
  });

  it('sorts dates with "never" at the sensible end', async () => {
    const user = userEvent.setup();
    await renderPanel([
      makeToken({ tokenName: 'later', expiresAt: new Date('2026-01-01T00:00:00Z') }),
      makeToken({ tokenName: 'never', expiresAt: null }),
      makeToken({ tokenName: 'soon', expiresAt: new Date('2025-06-10T00:00:00Z') }),
    ]);
    await user.click(screen.getByRole('button', { name: 'Expires' }));
    expect(names()).toEqual(['soon', 'later', 'never']);
  });

  it('explains a risk level in the badge’s tooltip', async () => {
    await renderPanel([
      makeToken({ tokenName: 'admin-bot', permissions: [perm('repository', 'administration', 'write')] }),
    ]);
    const badge = screen.getByText('high');
    expect(badge.getAttribute('title')).toMatch(/administration/);
  });

  it('renders hostile names as text, never as markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await renderPanel([makeToken({ tokenName: hostile, ownerLogin: 'mallory' })]);
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('checkbox', { name: `Select ${hostile} by mallory` })).toBeTruthy();
  });

  it('isolates right-to-left overrides in user-controlled cells', async () => {
    const spoof = 'deploy\u202Eetirw:stnetnoc';
    await renderPanel([makeToken({ tokenName: spoof })]);
    const cell = screen.getByText(spoof);
    expect(cell.getAttribute('dir')).toBe('auto');
    expect(cell.getAttribute('title')).toBe(spoof);
  });

  it.each([
    ['a zero-width space', 'ci\u200B', 'U+200B'],
    ['a right-to-left override', 'deploy\u202Eetirw', 'U+202E'],
    ['a byte-order mark', '\uFEFFadmin', 'U+FEFF'],
    ['tag characters', 'dep\u{E0064}loy', 'U+E0064'],
    ['a Hangul filler', 'dep\u3164loy', 'U+3164'],
    ['a combining grapheme joiner', 'dep\u034Floy', 'U+034F'],
    ['a variation selector', 'dep\uFE0Floy', 'U+FE0F'],
    ['a line separator', 'dep\u2028loy', 'U+2028'],
  ])('keeps a name with %s exact and flags the hidden character', async (_kind, name, codePoint) => {
    await renderPanel([makeToken({ tokenName: name, ownerLogin: 'eve' })]);
    // Not getByText: Testing Library trims, and U+FEFF counts as white space to it.
    const cell = [...document.querySelectorAll('.patrol-text')].find(
      (el) => el.getAttribute('title') === name,
    );
    expect(cell?.textContent).toBe(name);
    // The flag is text a screen reader reads in the row, not only a tooltip.
    const [row] = bodyRows();
    expect(row?.textContent).toContain(`Contains invisible or direction-changing characters: ${codePoint}`);
    expect(row?.querySelector('.patrol-hidden-chars [aria-hidden="true"]')?.textContent).toBe('⚠');
    const boxes = [...document.querySelectorAll('input[type=checkbox]')];
    expect(boxes.some((box) => box.getAttribute('aria-label') === `Select ${name} by eve`)).toBe(true);
  });

  it('shows a 1,000-character name whole in its title and flags nothing in a plain one', async () => {
    const long = 'x'.repeat(1000);
    await renderPanel([makeToken({ tokenName: long, ownerLogin: 'eve' }), makeToken({ tokenName: 'plain' })]);
    const cell = screen.getByText(long);
    expect(cell.getAttribute('title')).toHaveLength(1000);
    expect(cell.classList.contains('patrol-text')).toBe(true); // truncated by CSS, not by code
    expect(document.body.textContent).not.toContain('invisible');
  });

  it('moves row focus with the arrow keys and selects with Space', async () => {
    const user = userEvent.setup();
    await renderPanel(manyTokens(50));
    const first = bodyRows()[0] as HTMLElement;
    expect(first.tabIndex).toBe(0);
    first.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('4');
    await user.keyboard(' ');
    expect(screen.getByRole('checkbox', { name: 'Select token-0002 by alice' })).toHaveProperty(
      'checked',
      true,
    );
    await user.keyboard('{End}');
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('51');
  });

  it('sorts by risk in its own column, and emphasises "Never" expiring tokens', async () => {
    const user = userEvent.setup();
    await renderPanel([
      makeToken({ tokenName: 'low', permissions: [perm('repository', 'metadata', 'read')] }),
      makeToken({ tokenName: 'high', permissions: [perm('repository', 'secrets', 'write')] }),
      makeToken({
        tokenName: 'medium',
        permissions: [perm('repository', 'metadata', 'read')],
        expiresAt: null,
      }),
    ]);
    await user.click(screen.getByRole('button', { name: 'Risk' }));
    expect(names()).toEqual(['low', 'medium', 'high']);
    await user.click(screen.getByRole('button', { name: 'Risk' }));
    expect(names()).toEqual(['high', 'medium', 'low']);
    const never = bodyRows().find((row) => row.textContent?.includes('medium'));
    expect(never?.querySelector('strong')?.textContent).toBe('Never');
  });

  it('shows dates relative ("in 9 days", "3 days ago") with the absolute time in datetime and title', async () => {
    const day = 86_400_000;
    await renderPanel([
      makeToken({
        tokenName: 'dated',
        expiresAt: new Date(NOW + 9 * day),
        lastUsedAt: new Date(NOW - 3 * day),
        grantedAt: new Date(NOW - 400 * day),
      }),
      makeToken({ tokenName: 'gone', expiresAt: new Date(NOW - 2 * day), lastUsedAt: null }),
    ]);
    const [dated, gone] = bodyRows() as HTMLElement[];
    const cells = (row: HTMLElement | undefined) => within(row as HTMLElement).getAllByRole('cell');
    const [, , , , , expires, used, granted] = cells(dated);
    expect(expires?.textContent).toBe('in 9 days');
    const time = expires?.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe(new Date(NOW + 9 * day).toISOString());
    expect(time?.getAttribute('title')).toBe('2025-06-10 12:00 UTC');
    expect(used?.textContent).toBe('3 days ago');
    expect(granted?.textContent).toBe('last year');
    const [, , , , , goneExpires, goneUsed] = cells(gone);
    expect(goneExpires?.textContent).toBe('Expired 2 days ago');
    expect(goneExpires?.classList.contains('patrol-danger')).toBe(true);
    expect(goneUsed?.textContent).toBe('Never');
  });
});
