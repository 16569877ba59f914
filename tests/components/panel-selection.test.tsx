import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { manyTokens, renderPanel } from './panel-fixtures';

afterEach(cleanup);

const status = () => screen.getByRole('status').textContent;
const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const selectAll = () => box('Select all matching');

async function filter(text: string) {
  const input = screen.getByRole('textbox', { name: 'Filter tokens' });
  fireEvent.input(input, { target: { value: text } });
}

describe('selection', () => {
  it('names each row checkbox after the token and its owner', async () => {
    await renderPanel(manyTokens(3));
    expect(box('Select token-0000 by alice')).toBeTruthy();
    expect(box('Select token-0001 by bob')).toBeTruthy();
  });

  it('selects a range with shift-click, in the shown order', async () => {
    const user = userEvent.setup();
    await renderPanel(manyTokens(10));
    await user.click(box('Select token-0001 by bob'));
    fireEvent.click(box('Select token-0004 by alice'), { shiftKey: true });
    expect(status()).toBe('10 of 10 tokens · 4 selected');
    for (const i of [1, 2, 3, 4])
      expect(screen.getAllByRole('checkbox')[i + 1]).toHaveProperty('checked', true);
    expect(box('Select token-0000 by alice').checked).toBe(false);
    expect(box('Select token-0005 by bob').checked).toBe(false);
  });

  it('reads the status exactly, with hidden selected tokens counted', async () => {
    const user = userEvent.setup();
    await renderPanel(manyTokens(6));
    expect(status()).toBe('6 of 6 tokens');
    await user.click(box('Select token-0000 by alice'));
    await user.click(box('Select token-0001 by bob'));
    expect(status()).toBe('6 of 6 tokens · 2 selected');
    await filter('owner:alice');
    expect(status()).toBe('3 of 6 tokens · 2 selected (1 hidden by the filter)');
  });

  it('"Select all matching" selects the whole result, not only the rendered rows', async () => {
    const { store } = await renderPanel(manyTokens(3000, ['alice', 'bob', 'carol']));
    await filter('owner:alice');
    expect(status()).toBe('1,000 of 3,000 tokens');
    fireEvent.click(selectAll());
    expect(status()).toBe('1,000 of 3,000 tokens · 1,000 selected');
    expect(selectAll().checked).toBe(true);
    const selected = store.getState().selection;
    expect(
      [...selected].every(
        (id) => store.getState().tokens.find((t) => t.grantId === id)?.ownerLogin === 'alice',
      ),
    ).toBe(true);
    // Survives a filter change; indeterminate when the result is partly selected.
    await filter('');
    expect(status()).toBe('3,000 of 3,000 tokens · 1,000 selected');
    expect(selectAll().indeterminate).toBe(true);
    expect(selectAll().checked).toBe(false);
    // Checked again, it unselects every match.
    await filter('owner:alice');
    fireEvent.click(selectAll());
    expect(status()).toBe('1,000 of 3,000 tokens');
  });

  it('keeps the selection through filter changes and filters on it with is:selected', async () => {
    const user = userEvent.setup();
    await renderPanel(manyTokens(8));
    await user.click(box('Select token-0002 by alice'));
    await user.click(box('Select token-0005 by bob'));
    await filter('owner:carol');
    expect(status()).toBe('0 of 8 tokens · 2 selected (2 hidden by the filter)');
    await filter('is:selected');
    expect(status()).toBe('2 of 8 tokens · 2 selected');
    await user.click(box('Select token-0002 by alice'));
    // is:selected re-evaluates on selection change.
    expect(status()).toBe('1 of 8 tokens · 1 selected');
  });

  it('shows a parse error under the box and matches nothing', async () => {
    await renderPanel(manyTokens(4));
    await filter('colour:red');
    const input = screen.getByRole('textbox', { name: 'Filter tokens' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const errors = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(errors?.textContent).toMatch(/colour/);
    expect(status()).toBe('0 of 4 tokens');
  });

  it('focuses the box with / and clears it with Esc', async () => {
    const user = userEvent.setup();
    await renderPanel(manyTokens(4));
    const input = screen.getByRole('textbox', { name: 'Filter tokens' }) as HTMLInputElement;
    await user.keyboard('/');
    expect(document.activeElement).toBe(input);
    await user.keyboard('bob');
    expect(input.value).toBe('bob');
    expect(status()).toBe('2 of 4 tokens');
    await user.keyboard('{Escape}');
    expect(input.value).toBe('');
    expect(status()).toBe('4 of 4 tokens');
  });

  it('writes facet choices into the box', async () => {
    const user = userEvent.setup();
    const { store } = await renderPanel(manyTokens(4));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Risk' }), 'high');
    expect(store.getState().query).toBe('risk:high');
    await user.click(screen.getByRole('button', { name: 'Filter by owner' }));
    await user.click(screen.getByRole('option', { name: /^bob/ }));
    expect(store.getState().query).toBe('risk:high owner:bob');
    await act(() => store.getState().setQuery('owner:bob'));
    expect((screen.getByRole('combobox', { name: 'Risk' }) as HTMLSelectElement).value).toBe('');
  });
});
