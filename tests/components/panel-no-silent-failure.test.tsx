// Issue 13 item 4: a filter never fails without a word, a `repo:` count says when it is not
// final yet (and stops fetching once nobody needs it), and the export says what it exports.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenDetails } from '../../components/panel/TokenDetails';
import { makeToken, perm } from '../lib/token-factory';
import { countRenders } from '../support/render-count';
import { type Call, manyTokens, renderPanel } from './panel-fixtures';

afterEach(cleanup);

const filterBox = () => screen.getByRole('textbox', { name: 'Filter tokens' });
const type = (value: string) => fireEvent.input(filterBox(), { target: { value } });
const repoCalls = (calls: Call[]) => calls.filter((c) => c.type === 'grants.repositories');

/** A worker whose repository lists arrive only when the test lets each request through. */
function gatedRepos() {
  const waiting: (() => void)[] = [];
  return {
    release: async () => {
      await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
      await act(async () => waiting.shift()?.());
    },
    pending: () => waiting.length,
    handlers: {
      'grants.repositories': ({ org, grantIds }: { org: string; grantIds: number[] }) =>
        new Promise<Record<string, string[]>>((resolve) =>
          waiting.push(() =>
            resolve(
              Object.fromEntries(
                grantIds.map((id) => [String(id), [`${org}/repo-${id % 2 ? 'odd' : 'even'}`]]),
              ),
            ),
          ),
        ),
    },
  };
}

describe('an empty result', () => {
  it('says "No tokens match" and offers "Clear filter", which brings every token back', async () => {
    const user = userEvent.setup();
    await renderPanel(manyTokens(4));
    type('owner:nobody');
    expect(screen.getByRole('heading', { name: 'No tokens match' })).toBeTruthy();
    // The empty table stays under the message, so the panel keeps its height.
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Clear filter' }));
    expect((filterBox() as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(filterBox());
    expect(screen.getByRole('status').textContent).toBe('4 of 4 tokens');
    expect(screen.queryByRole('heading', { name: 'No tokens match' })).toBeNull();
  });

  it('comes and goes without re-rendering the rest of the panel', async () => {
    await renderPanel(manyTokens(4));
    const renders = countRenders(TokenDetails);
    try {
      type('owner:nobody');
      expect(screen.getByRole('heading', { name: 'No tokens match' })).toBeTruthy();
      type('owner:alice');
      expect(screen.getByRole('status').textContent).toBe('2 of 4 tokens');
      expect(screen.queryByRole('heading', { name: 'No tokens match' })).toBeNull();
      expect(renders.count(TokenDetails)).toBe(0);
    } finally {
      renders.stop();
    }
  });
});

describe('filter mistakes', () => {
  it('flags an unknown permission name with the nearest real one', async () => {
    await renderPanel([makeToken({ permissions: [perm('repository', 'contents', 'write')] })]);
    type('perm:contnts:write');
    expect(filterBox().getAttribute('aria-describedby')).toBeTruthy();
    const hint = document.getElementById(filterBox().getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe(
      'GitHub documents no permission called "contnts". Did you mean "contents"?',
    );
    expect(screen.getByRole('heading', { name: 'No tokens match' })).toBeTruthy();
    type('perm:contents:write');
    expect(filterBox().getAttribute('aria-describedby')).toBeNull();
  });

  it('still runs a query on an undocumented name: a hint, not an error', async () => {
    await renderPanel([makeToken({ permissions: [perm('other', 'brand_new_thing', 'read')] })]);
    type('perm:brand_new_thing');
    expect(filterBox().getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('status').textContent).toBe('1 of 1 tokens');
  });

  it('rejects a comma list and shows how to write it', async () => {
    await renderPanel(manyTokens(4));
    type('owner:alice,bob');
    expect(filterBox().getAttribute('aria-invalid')).toBe('true');
    const errors = document.getElementById(filterBox().getAttribute('aria-describedby') ?? '');
    expect(errors?.textContent).toBe(
      'Commas do not separate values: write owner:alice owner:bob (repeated owner: terms match any of them)',
    );
    type('owner:alice owner:bob');
    expect(screen.getByRole('status').textContent).toBe('4 of 4 tokens');
  });
});

describe('the repo: filter while repositories are checked', () => {
  it('says how far it is, holds "Select all matching", and stops when the term goes', async () => {
    const tokens = Array.from({ length: 85 }, (_, i) =>
      makeToken({ tokenName: `t${i}`, repositorySelection: 'subset' }),
    );
    const gate = gatedRepos();
    const { calls } = await renderPanel(tokens, gate.handlers);
    type('repo:repo-odd');
    const all = () => screen.getByRole('checkbox', { name: 'Select all matching' }) as HTMLInputElement;
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('0 of 85 tokens · checking repositories 0 of 85'),
    );
    expect(all().disabled).toBe(true);
    expect(screen.getByRole('heading', { name: 'No tokens match yet' })).toBeTruthy();
    await gate.release();
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/ · checking repositories 40 of 85$/),
    );
    expect(all().disabled).toBe(true);

    // Nobody needs the rest: the request in flight finishes, no further one is sent.
    type('');
    await gate.release();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('85 of 85 tokens'));
    expect(all().disabled).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(repoCalls(calls)).toHaveLength(2);
    expect(gate.pending()).toBe(0);

    // Typed again, it fetches only what is still missing.
    type('repo:repo-odd');
    await gate.release();
    const odd = tokens.filter((t) => t.grantId % 2).length;
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(`${odd} of 85 tokens`));
    expect(repoCalls(calls).map((c) => (c.input as { grantIds: number[] }).grantIds.length)).toEqual([
      40, 40, 5,
    ]);
  });
});

describe('the export button', () => {
  it('says what it will export, with thousands separators', async () => {
    const user = userEvent.setup();
    await renderPanel(manyTokens(1516));
    expect(screen.getByRole('button', { name: 'Export 1,516 matching' })).toBeTruthy();
    type('owner:bob');
    expect(screen.getByRole('button', { name: 'Export 758 matching' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Select token-0001 by bob' }));
    expect(screen.getByRole('button', { name: 'Export 1 selected' })).toBeTruthy();
    type('owner:nobody');
    // The selection is exported even when the filter hides it.
    expect(screen.getByRole('button', { name: 'Export 1 selected' })).toHaveProperty('disabled', false);
  });

  it('can be cancelled while it fetches repositories, and then downloads nothing', async () => {
    const user = userEvent.setup();
    const tokens = Array.from({ length: 85 }, (_, i) =>
      makeToken({ tokenName: `t${i}`, repositorySelection: 'subset' }),
    );
    const gate = gatedRepos();
    const { calls, download } = await renderPanel(tokens, gate.handlers);
    await user.click(screen.getByRole('button', { name: 'Export 85 matching' }));
    expect(screen.getByRole('button', { name: 'Export 85 matching' })).toHaveProperty('disabled', true);
    await user.click(await screen.findByRole('button', { name: 'Cancel export' }));
    expect(screen.queryByRole('button', { name: 'Cancel export' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export 85 matching' })).toHaveProperty('disabled', false);
    await gate.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(repoCalls(calls)).toHaveLength(1);
    expect(download).not.toHaveBeenCalled();
  });
});
