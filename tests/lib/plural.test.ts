// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from '../../lib/plural';

describe('counts in words', () => {
  it.each([
    [0, 'token', undefined, '0 tokens'],
    [1, 'token', undefined, '1 token'],
    [2, 'token', undefined, '2 tokens'],
    [1516, 'token', undefined, '1,516 tokens'],
    [1, 'entry', 'entries', '1 entry'],
    [2, 'entry', 'entries', '2 entries'],
  ])('%i %s', (n, singular, plural, expected) => {
    expect(countOf(n, singular, plural)).toBe(expected);
  });

  it('separates thousands', () => {
    expect(formatCount(20_000)).toBe('20,000');
    expect(formatCount(999)).toBe('999');
  });
});
