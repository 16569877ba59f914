// The filter's index of a loaded list is built in idle time after the rows are set (a few
// hundred ms at 50,000 tokens that the list's first paint need not wait for), once, for the
// list the table filters.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPanelStore } from '../../components/panel/store';
import { indexTokens } from '../../lib/filter/evaluate';
import { makeToken } from '../lib/token-factory';
import { fakeWatch } from '../support/fake-worker';
import { fakeSend, NOW, ORG, orgHandlers } from './panel-fixtures';

vi.mock('../../lib/filter/evaluate', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/filter/evaluate')>();
  return { ...actual, indexTokens: vi.fn(actual.indexTokens) };
});

afterEach(() => vi.unstubAllGlobals());

describe('the filter index after a load', () => {
  it('is built when the page is idle, not before the rows are in the store', async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
    const tokens = [makeToken({ tokenName: 'a' }), makeToken({ tokenName: 'b' })];
    const { send } = fakeSend(orgHandlers(tokens));
    const store = createPanelStore(ORG, { send, watch: fakeWatch().watch, now: () => NOW });
    vi.mocked(indexTokens).mockClear();
    await store.getState().start();
    expect(store.getState().shown).toHaveLength(2);
    expect(vi.mocked(indexTokens)).not.toHaveBeenCalled();
    expect(idle).toHaveLength(1);
    idle.shift()?.();
    expect(vi.mocked(indexTokens)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(indexTokens).mock.calls[0]?.[0]).toBe(store.getState().sorted);
  });
});
