// The owner and permission menus (issue 13 item 5): searchable like GitHub's select menus,
// every owner (not the first 200) and every permission once, keyboard and pointer alike.
import { cleanup, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Facets } from '../../components/panel/Facets';
import { makeToken, perm } from '../lib/token-factory';
import { countRenders } from '../support/render-count';
import { manyTokens, renderPanel } from './panel-fixtures';

afterEach(cleanup);

const owners = (n: number) => Array.from({ length: n }, (_, i) => `owner-${String(i).padStart(4, '0')}`);

describe('the owner menu', () => {
  it('reaches any of 1,200 owners by typing, with only the first 100 matches in the DOM', async () => {
    const user = userEvent.setup();
    const { store } = await renderPanel(manyTokens(1200, owners(1200)));
    await user.click(screen.getByRole('button', { name: 'Filter by owner' }));
    const filter = screen.getByRole('combobox', { name: 'Filter owners' });
    expect(document.activeElement).toBe(filter);
    const list = screen.getByRole('listbox', { name: 'Owners' });
    expect(within(list).getAllByRole('option')).toHaveLength(100);
    expect(screen.getByText('Showing 100 of 1,200 owners: type to narrow')).toBeTruthy();

    // owner-1199 is far past any cap; typing narrows to it.
    await user.type(filter, '1199');
    const [only, ...rest] = within(list).getAllByRole('option');
    expect(rest).toHaveLength(0);
    expect(only?.textContent).toContain('owner-1199');
    expect(screen.getByText('1 owner')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(store.getState().query).toBe('owner:owner-1199');
    expect(only?.getAttribute('aria-selected')).toBe('true');
    // Enter again takes it back out: the box stays the one truth.
    await user.keyboard('{Enter}');
    expect(store.getState().query).toBe('');
    expect(within(list).getByRole('option').getAttribute('aria-selected')).toBe('false');
  });

  it('moves with the arrows, says when nothing matches, and Esc returns focus to its button', async () => {
    const user = userEvent.setup();
    const { store } = await renderPanel(manyTokens(6, ['alice', 'bob', 'carol']));
    const button = screen.getByRole('button', { name: 'Filter by owner' });
    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const filter = screen.getByRole('combobox', { name: 'Filter owners' });
    const options = within(screen.getByRole('listbox', { name: 'Owners' })).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['alice2', 'bob2', 'carol2']);
    expect(filter.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(filter.getAttribute('aria-activedescendant')).toBe(options[2]?.id);
    await user.keyboard('{ArrowDown}');
    expect(filter.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    await user.keyboard('{ArrowUp}{Enter}');
    expect(store.getState().query).toBe('owner:carol');
    // A click toggles too and keeps the menu open for more.
    await user.click(options[0] as HTMLElement);
    expect(store.getState().query).toBe('owner:carol owner:alice');
    await user.type(filter, 'zzz');
    expect(screen.getByText('No owners match')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox', { name: 'Filter owners' })).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
    // Esc in the menu closed the menu only; the filter box kept its text.
    expect(store.getState().query).toBe('owner:carol owner:alice');
  });
});

describe('the permission menu', () => {
  it('lists each permission once, counted per token, and toggles perm:NAME', async () => {
    const user = userEvent.setup();
    const { store } = await renderPanel([
      makeToken({
        permissions: [perm('repository', 'contents', 'write'), perm('repository', 'metadata', 'read')],
      }),
      makeToken({
        permissions: [perm('repository', 'contents', 'read'), perm('organization', 'members', 'read')],
      }),
      makeToken({ permissions: [perm('repository', 'metadata', 'read')] }),
    ]);
    await user.click(screen.getByRole('button', { name: 'Filter by permission' }));
    const options = within(screen.getByRole('listbox', { name: 'Permissions' })).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['contents2', 'metadata2', 'members1']);
    await user.type(screen.getByRole('combobox', { name: 'Filter permissions' }), 'mem');
    await user.keyboard('{Enter}');
    expect(store.getState().query).toBe('perm:members');
    expect(store.getState().shown).toHaveLength(1);
  });
});

describe('the single-valued facets', () => {
  it('follow the filter box, re-rendering only when a keystroke changes what one shows', async () => {
    const user = userEvent.setup();
    await renderPanel(manyTokens(4));
    const box = screen.getByRole('textbox', { name: 'Filter tokens' });
    const risk = screen.getByRole('combobox', { name: 'Risk' }) as HTMLSelectElement;
    const renders = countRenders(Facets);
    try {
      await user.type(box, 'token ');
      expect(renders.count(Facets)).toBe(0);
      await user.type(box, 'risk:high');
      expect(risk.value).toBe('high');
      expect(renders.count(Facets)).toBeGreaterThan(0);
    } finally {
      renders.stop();
    }
    await user.selectOptions(risk, 'low');
    expect((box as HTMLInputElement).value).toBe('token risk:low');
  });
});
