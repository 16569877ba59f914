// The popup over the cache as the extension reads it (lib/cache-rows.ts rows of packed lists):
// the same results as over unpacked lists, with only the shown tokens built for a text search.
import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { Popup } from '../../components/popup/Popup';
import { createPopupStore, RESULT_LIMIT } from '../../components/popup/store';
import { packGrants } from '../../lib/cache-pack';
import { type GrantRows, rowsOf } from '../../lib/cache-rows';
import { createSearchIndex, search } from '../../lib/popup-search';
import { toWire } from '../../lib/tokens';
import { makeToken } from '../lib/token-factory';
import { fakeSend, fakeWatch, SETTINGS } from '../support/fake-worker';

const NOW = Date.parse('2025-06-01T12:00:00Z');

afterEach(cleanup);

function mount(rows: GrantRows) {
  const { send } = fakeSend({ 'settings.get': () => SETTINGS, 'jobs.latest': () => null } as never);
  const controller = createPopupStore({
    send,
    watch: fakeWatch().watch,
    readCache: async () => ({
      orgs: [{ org: rows.org, loadedAt: NOW, count: rows.names.of.length }],
      lists: [rows],
    }),
    openTab: vi.fn(),
    openOptions: vi.fn(),
    now: () => NOW,
  });
  render(<Popup controller={controller} />);
  return act(() => controller.init()).then(() => controller);
}

it('searches packed lists without unpacking them, building only the tokens it shows', async () => {
  const tokens = Array.from({ length: 120 }, (_, i) =>
    makeToken({ grantId: i + 1, tokenName: i % 2 ? `deploy-${i}` : `ci-${i}`, ownerLogin: 'alice' }),
  );
  const rows = rowsOf(packGrants({ org: 'acme', loadedAt: NOW, tokens: tokens.map(toWire) }));
  const built = new Set<number>();
  const token = rows.token;
  // requestIdleCallback would build the rest once idle: not here, so the count is the search's.
  vi.stubGlobal('requestIdleCallback', undefined);
  const controller = await mount({
    ...rows,
    token: (i) => {
      built.add(i);
      return token(i);
    },
  });
  // The whole query at once (as pasted): one search, so `built` counts that search's tokens.
  await act(() => controller.setQuery('deploy-1'));
  // Exactly what the search over the unpacked tokens finds, in its order.
  const expected = search(createSearchIndex([{ org: 'acme', tokens }]), 'deploy-1', NOW, RESULT_LIMIT);
  expect(expected.total).toBeGreaterThan(1);
  expect(screen.getByRole('status').textContent).toBe(`${expected.total} matching tokens`);
  // The first ten at once, the rest just after (components/popup/use-drawn.ts).
  await waitFor(() =>
    expect(screen.getAllByRole('option').map((o) => o.querySelector('.name')?.textContent)).toEqual(
      expected.hits.map((hit) => hit.token.tokenName),
    ),
  );
  expect(built.size).toBe(expected.hits.length);
  vi.unstubAllGlobals();
});
