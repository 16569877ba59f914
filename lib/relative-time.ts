// "3 days ago", "in 5 days": dates as people think of them, next to the absolute date (which
// stays the evidence). English, like the rest of PATrol's interface.

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long before or after `now` the instant is, in the largest unit that fits. */
export function relativeTime(at: Date | number, now: number): string {
  const diff = (typeof at === 'number' ? at : at.getTime()) - now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return 'just now';
  if (abs < HOUR) return rtf.format(Math.trunc(diff / MINUTE), 'minute');
  if (abs < DAY) return rtf.format(Math.trunc(diff / HOUR), 'hour');
  if (abs < 30 * DAY) return rtf.format(Math.trunc(diff / DAY), 'day');
  if (abs < 365 * DAY) return rtf.format(Math.trunc(diff / (30 * DAY)), 'month');
  return rtf.format(Math.trunc(diff / (365 * DAY)), 'year');
}

/** The absolute UTC instant, for a tooltip or a details line: 2025-06-01 12:00 UTC. */
export function absoluteTime(at: Date | number): string {
  const d = typeof at === 'number' ? new Date(at) : at;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
