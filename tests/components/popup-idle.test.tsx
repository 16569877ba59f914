// What the popup does while idle after opening: it builds every token, then the filter's
// caches of each org's list, so that the first qualifier typed does not pay for them.
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { Popup } from '../../components/popup/Popup';
import { createPopupStore } from '../../components/popup/store';
import { packGrants } from '../../lib/cache-pack';
import { rowsOf } from '../../lib/cache-rows';
import { indexTokens } from '../../lib/filter/evaluate';
import { toWire } from '../../lib/tokens';
import { makeToken } from '../lib/token-factory';
import { fakeSend, fakeWatch, SETTINGS } from '../support/fake-worker';

vi.mock('../../lib/filter/evaluate', async (original) => {
  const actual = await original<typeof import('../../lib/filter/evaluate')>();
  return { ...actual, indexTokens: vi.fn(actual.indexTokens) };
});

const NOW = Date.parse('2025-06-01T12:00:00Z');

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

it('builds every token, then indexes each org’s list for the filter, in idle time', async () => {
  const idle: ((deadline: { timeRemaining: () => number }) => void)[] = [];
  vi.stubGlobal('requestIdleCallback', (callback: (typeof idle)[number]) => idle.push(callback));
  const lists = ['acme', 'globex'].map((org, o) => {
    const tokens = Array.from({ length: 1_200 }, (_, i) =>
      makeToken({ grantId: o * 10_000 + i + 1, tokenName: `deploy-${i}`, ownerLogin: 'alice' }),
    );
    return rowsOf(packGrants({ org, loadedAt: NOW, tokens: tokens.map(toWire) }));
  });
  const built = new Set<string>();
  const { send } = fakeSend({ 'settings.get': () => SETTINGS, 'jobs.latest': () => null } as never);
  const controller = createPopupStore({
    send,
    watch: fakeWatch().watch,
    readCache: async () => ({
      orgs: lists.map((rows) => ({ org: rows.org, loadedAt: NOW, count: rows.names.of.length })),
      lists: lists.map((rows) => ({
        ...rows,
        token: (i: number) => {
          built.add(`${rows.org}/${i}`);
          return rows.token(i);
        },
      })),
    }),
    openTab: vi.fn(),
    openOptions: vi.fn(),
    now: () => NOW,
  });
  render(<Popup controller={controller} />);
  await act(() => controller.init());
  expect(built.size).toBe(0);
  expect(indexTokens).not.toHaveBeenCalled();
  // Each idle period with 10 ms left: tokens in chunks first, then one org's caches per period.
  for (let round = 0; round < 100 && idle.length > 0; round++) idle.shift()?.({ timeRemaining: () => 10 });
  expect(built.size).toBe(2_400);
  expect(indexTokens).toHaveBeenCalledTimes(2);
  expect(vi.mocked(indexTokens).mock.calls.map(([list]) => list.length)).toEqual([1_200, 1_200]);
});
