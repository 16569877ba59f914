import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { readHashQuery, withHashQuery } from '../../lib/page-hash';
import { makeToken } from '../lib/token-factory';
import { type Call, manyTokens, renderPanel } from './panel-fixtures';

afterEach(cleanup);

const repoCalls = (calls: Call[]) => calls.filter((c) => c.type === 'grants.repositories');

function reposWorker(): {
  'grants.repositories': (input: { org: string; grantIds: number[] }) => Record<string, string[]>;
} {
  return {
    'grants.repositories': ({ org, grantIds }) =>
      Object.fromEntries(grantIds.map((id) => [String(id), [`${org}/repo-${id % 2 ? 'odd' : 'even'}`]])),
  };
}

describe('Export', () => {
  it('exports all matching tokens when none are selected, fetching subset repositories first', async () => {
    const user = userEvent.setup();
    const tokens = [
      makeToken({ tokenName: 'a', repositorySelection: 'subset' }),
      makeToken({ tokenName: 'b', repositorySelection: 'all' }),
      makeToken({ tokenName: 'c', repositorySelection: 'subset' }),
    ];
    const { calls, download } = await renderPanel(tokens, reposWorker());
    await user.click(screen.getByRole('button', { name: 'Export 3 matching' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    expect(repoCalls(calls).flatMap((c) => (c.input as { grantIds: number[] }).grantIds)).toEqual([
      tokens[0]?.grantId,
      tokens[2]?.grantId,
    ]);
    const [fileName, csv] = download.mock.calls[0] as [string, string];
    expect(fileName).toBe('acme-tokens-2025-06-01.csv');
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.token_name)).toEqual(['a', 'b', 'c']);
    expect(rows[0]?.repositories).toMatch(/^acme\/repo-/);
    expect(rows[1]?.repositories).toBe('');
  });

  it('exports only the selected tokens when there is a selection, hidden ones included', async () => {
    const user = userEvent.setup();
    const { download } = await renderPanel(manyTokens(5), reposWorker());
    await user.click(screen.getByRole('checkbox', { name: 'Select token-0001 by bob' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select token-0002 by alice' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Filter tokens' }), {
      target: { value: 'owner:bob' },
    });
    await user.click(screen.getByRole('button', { name: 'Export 2 selected' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    const csv = (download.mock.calls[0] as [string, string])[1];
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => r.token_name)).toEqual(['token-0001', 'token-0002']);
  });
});

describe('repo: filter', () => {
  it('fetches repository lists in chunks, then filters on them', async () => {
    const tokens = Array.from({ length: 85 }, (_, i) =>
      makeToken({ tokenName: `t${i}`, repositorySelection: 'subset' }),
    );
    const { store, calls } = await renderPanel(tokens, reposWorker());
    await act(() => store.getState().setQuery('repo:repo-odd'));
    await waitFor(() => expect(store.getState().task).toBeNull());
    expect(repoCalls(calls).map((c) => (c.input as { grantIds: number[] }).grantIds.length)).toEqual([
      40, 40, 5,
    ]);
    const odd = tokens.filter((t) => t.grantId % 2).length;
    expect(screen.getByRole('status').textContent).toBe(`${odd} of 85 tokens`);
  });
});

describe('the URL hash', () => {
  it.each([
    ['', 'owner:bob', '#patrol=owner%3Abob'],
    ['#patrol=old', 'is:selected "two words"', '#patrol=is%3Aselected%20%22two%20words%22'],
    ['#other=1&patrol=x', '', '#other=1'],
    ['#patrol=x', '', ''],
  ])('%s with %j gives %s and reads back', (hash, query, expected) => {
    const next = withHashQuery(hash, query);
    expect(next).toBe(expected);
    expect(readHashQuery(next)).toBe(query);
  });

  it('reads nothing from a malformed hash', () => {
    expect(readHashQuery('#patrol=%E0%A4%A')).toBe('');
  });
});
