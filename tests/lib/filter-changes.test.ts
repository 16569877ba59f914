// `is:new`, `is:changed`, `is:gone` against the review baseline (PRODUCT.md "Filter language").
import { describe, expect, it } from 'vitest';
import { filterTokens } from '../../lib/filter/evaluate';
import { parseQuery } from '../../lib/filter/parse';
import { makeToken } from './token-factory';

const tokens = [1, 2, 3, 4].map((grantId) => makeToken({ grantId }));
const base = { now: 0, org: 'acme', selected: new Set<number>(), repositories: new Map() };
const changes = { new: new Set([1]), changed: new Set([2, 3]), gone: new Set([9]) };
const ids = (query: string, ctx: Parameters<typeof filterTokens>[2] = { ...base, changes }) =>
  filterTokens(tokens, query, ctx).map((t) => t.grantId);

describe('is:new, is:changed, is:gone', () => {
  it('parse as `is:` terms, any case', () => {
    for (const value of ['new', 'changed', 'gone', 'NEW'])
      expect(parseQuery(`is:${value}`)).toMatchObject({
        errors: [],
        terms: [{ type: 'is', value: value.toLowerCase() }],
      });
  });

  it('match the ids the diff gave, and negate', () => {
    expect(ids('is:new')).toEqual([1]);
    expect(ids('is:changed')).toEqual([2, 3]);
    expect(ids('-is:changed -is:new')).toEqual([4]);
    expect(ids('is:gone')).toEqual([]);
    expect(
      filterTokens([...tokens, makeToken({ grantId: 9 })], 'is:gone', { ...base, changes }).map(
        (t) => t.grantId,
      ),
    ).toEqual([9]);
  });

  it('match nothing where there is no baseline (never everything)', () => {
    expect(ids('is:new', base)).toEqual([]);
    expect(ids('is:changed', base)).toEqual([]);
  });
});
