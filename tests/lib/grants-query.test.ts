// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { batches, grantQuery, lastPageOf } from '../../lib/github/grants';

describe('grantQuery', () => {
  it('repeats owner[] and token_id[] the way GitHub expects, encoded', () => {
    expect(grantQuery({ owners: ['alice', 'bob'], tokenIds: [1, 22] })).toBe(
      'owner[]=alice&owner[]=bob&token_id[]=1&token_id[]=22',
    );
    expect(grantQuery({ owners: ['a&b=c'] })).toBe('owner[]=a%26b%3Dc');
    expect(grantQuery()).toBe('');
  });

  it('refuses more owners or token ids than GitHub accepts', () => {
    expect(() => grantQuery({ owners: Array.from({ length: 11 }, (_, i) => `u${i}`) })).toThrow(RangeError);
    expect(() => grantQuery({ tokenIds: Array.from({ length: 51 }, (_, i) => i) })).toThrow(RangeError);
  });
});

describe('lastPageOf', () => {
  it('reads rel="last" even when its URL differs from the request', () => {
    const link =
      '<https://api.github.com/organizations/9919/personal-access-tokens?per_page=100&page=2>; rel="next", ' +
      '<https://api.github.com/organizations/9919/personal-access-tokens?per_page=100&page=12>; rel="last"';
    expect(lastPageOf(link)).toBe(12);
    expect(lastPageOf('<https://x.test/?page=1>; rel="prev"')).toBeNull();
    expect(lastPageOf(undefined)).toBeNull();
  });
});

describe('batches', () => {
  it('splits into groups of at most 100 in order', () => {
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    const out = batches(ids);
    expect(out.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(out.flat()).toEqual(ids);
    expect(batches([])).toEqual([]);
  });
});
