// The panel filters a list the moment it loads when the URL's hash holds a query, then indexes
// that list: the filter's index by list (lib/filter/list-index.ts) is built once, not twice.
import { describe, expect, it, vi } from 'vitest';
import { indexTokens, matchPositions } from '../../lib/filter/evaluate';
import { buildListIndex } from '../../lib/filter/list-index';
import { parseQuery } from '../../lib/filter/parse';
import { makeToken } from './token-factory';

// Counted, not replaced.
vi.mock('../../lib/filter/list-index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/filter/list-index')>();
  return { ...actual, buildListIndex: vi.fn(actual.buildListIndex) };
});

const ctx = { now: 0, selected: new Set<number>(), repositories: new Map(), org: 'acme' };

describe('the filter index of a list', () => {
  it('is built once when a filter of the list came before indexTokens', () => {
    const list = [makeToken({ tokenName: 'deploy' }), makeToken({ tokenName: 'ci' })];
    expect([...matchPositions(list, parseQuery('deploy'), ctx)]).toEqual([0]);
    indexTokens(list);
    expect([...matchPositions(list, parseQuery('ci'), ctx)]).toEqual([1]);
    expect(vi.mocked(buildListIndex)).toHaveBeenCalledTimes(1);
  });
});
