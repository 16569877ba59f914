// A table row patched in place (components/panel/row-view.ts): it shows exactly what its
// token and place say, whichever token it showed before, reusing its elements, and it sets
// GitHub-controlled text as text only.
import { describe, expect, it, vi } from 'vitest';
import { buildRowModel } from '../../components/panel/row-model';
import { createRowView, type RowPlace } from '../../components/panel/row-view';
import type { GoneRow } from '../../lib/gone';
import type { Token } from '../../lib/tokens';
import { makeToken } from '../lib/token-factory';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const PLACE: RowPlace = { index: 0, top: 0, selected: false, active: false, hidden: false, openable: true };

function mount() {
  const row = document.createElement('div');
  document.body.replaceChildren(row);
  const actions = { check: vi.fn(), open: vi.fn() };
  const view = createRowView(row, actions);
  const show = (token: Token, place: Partial<RowPlace> = {}) =>
    view.update(buildRowModel(token, NOW), { ...PLACE, ...place });
  const cells = () => Array.from(row.querySelectorAll<HTMLElement>('[role=cell]'));
  const texts = () => cells().map((cell) => cell.textContent);
  return { row, actions, show, cells, texts };
}

describe('a patched table row', () => {
  it('shows the new token in the same elements when it changes tokens', () => {
    const { row, show, texts } = mount();
    show(makeToken({ tokenName: 'deploy', ownerLogin: 'alice', repositorySelection: 'all' }));
    const first = Array.from(row.querySelectorAll('*'));
    show(makeToken({ tokenName: 'ci', ownerLogin: 'bob', repositorySelection: 'none' }));
    expect(texts().slice(0, 3)).toEqual(['ci', 'bob', 'None']);
    expect(row.querySelector('.patrol-token-name .patrol-text')?.getAttribute('title')).toBe('ci');
    expect(row.querySelector('input')?.getAttribute('aria-label')).toBe('Select ci by bob');
    // Not one element created or dropped: the very same elements, only text and attributes changed.
    const after = Array.from(row.querySelectorAll('*'));
    expect(after).toHaveLength(first.length);
    expect(after.every((el, i) => el === first[i])).toBe(true);
  });

  it('sets hostile text as text: no markup from a token name or login ever becomes elements', () => {
    const { row, show } = mount();
    const name = '<img src=x onerror="alert(1)">';
    show(makeToken({ tokenName: name, ownerLogin: '<b>eve</b>' }));
    expect(row.querySelector('img, b')).toBeNull();
    expect(row.querySelector('.patrol-token-name .patrol-text')?.textContent).toBe(name);
    expect(row.querySelectorAll('.patrol-text[dir=auto]')).toHaveLength(3);
  });

  it('adds the hidden-characters mark for a name that needs one and drops it for the next token', () => {
    const { row, show } = mount();
    show(makeToken({ tokenName: 'deploy\u202Egnp.exe' }));
    expect(row.querySelectorAll('.patrol-hidden-chars')).toHaveLength(1);
    expect(row.querySelector('.patrol-token-name')?.textContent).toContain(
      'Contains invisible or direction-changing characters',
    );
    show(makeToken({ tokenName: 'plain' }));
    expect(row.querySelectorAll('.patrol-hidden-chars')).toHaveLength(0);
    expect(row.querySelector('.patrol-token-name')?.textContent).toBe('plain');
  });

  it('switches a date cell between a date, "Never" and "Expired", one thing at a time', () => {
    const { show, cells } = mount();
    const expires = () => cells()[5] as HTMLElement;
    show(makeToken({ expiresAt: new Date('2025-06-04T12:00:00Z') }));
    expect(expires().querySelector('time')?.getAttribute('datetime')).toBe('2025-06-04T12:00:00.000Z');
    expect(expires().textContent).toBe('in 3 days');
    show(makeToken({ expiresAt: null }));
    expect(expires().querySelector('strong.patrol-never')?.textContent).toBe('Never');
    expect(expires().childNodes).toHaveLength(1);
    show(makeToken({ expiresAt: null, expired: true }));
    expect(expires().textContent).toBe('Expired');
    expect(expires().classList.contains('patrol-danger')).toBe(true);
    show(makeToken({ expiresAt: new Date('2025-05-01T00:00:00Z') }));
    expect(expires().textContent).toBe('Expired last month');
    show(makeToken({ expiresAt: new Date('2025-07-01T00:00:00Z'), lastUsedAt: null, grantedAt: null }));
    expect(expires().classList.contains('patrol-danger')).toBe(false);
    expect(cells()[6]?.textContent).toBe('Never');
    expect(cells()[7]?.textContent).toBe('—');
  });

  it('shows a gone token marked, not selectable and not openable, and a live one after it as before', () => {
    const { row, show } = mount();
    const gone: GoneRow = { ...makeToken({ tokenName: 'old' }), gone: true };
    show(gone);
    const check = row.querySelector('input') as HTMLInputElement;
    expect(check.disabled).toBe(true);
    expect(row.querySelector('.patrol-gone-mark')?.textContent).toBe('Gone');
    expect(row.querySelector('button')).toBeNull();
    expect(row.classList.contains('is-gone')).toBe(true);
    show(makeToken({ tokenName: 'new' }));
    expect(check.disabled).toBe(false);
    expect(row.querySelector('.patrol-gone-mark')).toBeNull();
    expect(row.querySelector('.patrol-token-name')?.textContent).toBe('new');
    expect(row.classList.contains('is-gone')).toBe(false);
  });

  it('follows its place: position, selection, the tab stop, and hidden without an index', () => {
    const { row, show } = mount();
    const token = makeToken();
    show(token, { index: 4, top: 144, selected: true, active: true });
    expect(row.getAttribute('aria-rowindex')).toBe('6');
    expect(row.getAttribute('data-index')).toBe('4');
    expect(row.style.top).toBe('144px');
    expect(row.tabIndex).toBe(0);
    expect(row.classList.contains('is-selected')).toBe(true);
    expect((row.querySelector('input') as HTMLInputElement).checked).toBe(true);
    show(token, { index: 4, top: 144, hidden: true });
    expect(row.hidden).toBe(true);
    expect(row.hasAttribute('data-index')).toBe(false);
    expect(row.tabIndex).toBe(-1);
    expect((row.querySelector('input') as HTMLInputElement).checked).toBe(false);
    show(token, { index: 4, top: 144 });
    expect(row.hidden).toBe(false);
    expect(row.getAttribute('data-index')).toBe('4');
  });

  it('reports clicks on the checkbox (with Shift) and on the name', () => {
    const { row, show, actions } = mount();
    show(makeToken());
    (row.querySelector('input') as HTMLInputElement).dispatchEvent(
      new MouseEvent('click', { bubbles: true, shiftKey: true }),
    );
    expect(actions.check).toHaveBeenCalledWith(true);
    (row.querySelector('.patrol-token-name') as HTMLButtonElement).click();
    expect(actions.open).toHaveBeenCalledTimes(1);
  });

  it('shows the name as plain text where the table opens no details', () => {
    const { row, show } = mount();
    show(makeToken({ tokenName: 'solo' }), { openable: false });
    expect(row.querySelector('button')).toBeNull();
    expect(row.querySelector('.patrol-cell-token .patrol-text')?.textContent).toBe('solo');
  });
});
