// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { absoluteTime, relativeTime } from '../../lib/relative-time';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const DAY = 86_400_000;

describe('relative times', () => {
  it.each([
    [NOW - 10_000, 'just now'],
    [NOW - 5 * 60_000, '5 minutes ago'],
    [NOW - 3 * 3_600_000, '3 hours ago'],
    [NOW - DAY, 'yesterday'],
    [NOW - 3 * DAY, '3 days ago'],
    [NOW + 5 * DAY, 'in 5 days'],
    [NOW - 95 * DAY, '3 months ago'],
    [NOW + 400 * DAY, 'next year'],
    [NOW - 800 * DAY, '2 years ago'],
  ])('%s', (at, expected) => {
    expect(relativeTime(at, NOW)).toBe(expected);
  });

  it('gives the absolute instant in UTC', () => {
    expect(absoluteTime(new Date('2025-06-01T08:05:59Z'))).toBe('2025-06-01 08:05 UTC');
  });
});
