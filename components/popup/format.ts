// Short, deterministic wording for the popup's dense rows: dates in UTC ISO form (as the
// audit CSV writes them) and ages in whole units, so tests and screenshots never drift.
import { isExpired, type Token } from '../../lib/tokens';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "just now", "5 min ago", "3 h ago", "2 days ago", "4 months ago", "2 years ago". */
export function ago(at: number, now: number): string {
  const diff = Math.max(0, now - at);
  if (diff < MINUTE) return 'just now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  if (diff < 30 * DAY) return `${plural(Math.floor(diff / DAY), 'day')} ago`;
  if (diff < 365 * DAY) return `${plural(Math.floor(diff / (30 * DAY)), 'month')} ago`;
  return `${plural(Math.floor(diff / (365 * DAY)), 'year')} ago`;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function expiryText(token: Token, now: number): string {
  if (isExpired(token, now)) return 'expired';
  return token.expiresAt === null ? 'never' : isoDay(token.expiresAt);
}

export function lastUsedText(token: Token, now: number): string {
  return token.lastUsedAt === null ? 'never' : ago(token.lastUsedAt.getTime(), now);
}

export function cacheAgeText(loadedAt: number | null, now: number): string {
  return loadedAt === null ? 'not loaded' : `loaded ${ago(loadedAt, now)}`;
}
