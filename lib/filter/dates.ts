// Time values of `expires:`, `used:` and `granted:`, and the instant ranges they mean.
import type { Comparator, DurationUnit, TimeComparison, TimeValue } from './types';

export const DAY_MS = 86_400_000;
const UNIT_DAYS: Record<DurationUnit, number> = { d: 1, w: 7, m: 30, y: 365 };
// Keeps every instant a safe integer, so ranges stay exact.
const MAX_DAYS = 1_000_000;

const TIME = /^(<=|>=|<|>)?(?:(\d+)([dwmy])|(\d{4})-(\d{2})-(\d{2}))$/;

export type TimeParse = { ok: true; value: TimeValue } | { ok: false; message: string };

/** Start of the UTC day YYYY-MM-DD, or null when that day does not exist. */
export function utcDayStart(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  const real = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1;
  return real && d.getUTCDate() === day ? ms : null;
}

/** Parses `<30d`, `>=2026-01-01`, `2026-01-01` or (when allowed) `never`; case-insensitive. */
export function parseTimeValue(raw: string, allowNever: boolean, usage: string): TimeParse {
  const text = raw.trim().toLowerCase();
  if (text === 'never') {
    return allowNever ? { ok: true, value: { kind: 'never' } } : { ok: false, message: usage };
  }
  const m = TIME.exec(text);
  if (!m) {
    if (/^(<=|>=|<|>)?\d+[a-z]+$/.test(text)) {
      return { ok: false, message: `Durations use d, w, m (30 days) or y (365 days). ${usage}` };
    }
    return { ok: false, message: usage };
  }
  const op = m[1] as Comparator | undefined;
  if (m[2] !== undefined) {
    const unit = m[3] as DurationUnit;
    const amount = Number(m[2]);
    if (op === undefined) {
      return { ok: false, message: `Add a comparison: <${amount}${unit} or >${amount}${unit}` };
    }
    const days = amount * UNIT_DAYS[unit];
    if (days > MAX_DAYS) return { ok: false, message: `${amount}${unit} is too far away` };
    return { ok: true, value: { kind: 'relative', op, amount, unit, ms: days * DAY_MS } };
  }
  const date = `${m[4]}-${m[5]}-${m[6]}`;
  const dayStart = utcDayStart(Number(m[4]), Number(m[5]), Number(m[6]));
  if (dayStart === null) return { ok: false, message: `${date} is not a date (YYYY-MM-DD)` };
  return { ok: true, value: { kind: 'date', op: op ?? '=', date, dayStart } };
}

export function timeValueToString(value: TimeValue): string {
  if (value.kind === 'never') return 'never';
  if (value.kind === 'relative') return `${value.op}${value.amount}${value.unit}`;
  return value.op === '=' ? value.date : `${value.op}${value.date}`;
}

/** Instants t with lo < t (or <=) and t < hi (or <=); infinite ends are open. */
export interface TimeRange {
  lo: number;
  loIncl: boolean;
  hi: number;
  hiIncl: boolean;
}

const FLIP: Record<Comparator, Comparator> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function compare(op: Comparator, at: number): TimeRange {
  switch (op) {
    case '<':
      return { lo: -Infinity, loIncl: false, hi: at, hiIncl: false };
    case '<=':
      return { lo: -Infinity, loIncl: false, hi: at, hiIncl: true };
    case '>':
      return { lo: at, loIncl: false, hi: Infinity, hiIncl: false };
    case '>=':
      return { lo: at, loIncl: true, hi: Infinity, hiIncl: false };
  }
}

/**
 * The instants a comparison means. Relative values count from `now` into the future
 * (`expires:`) or the past (`used:`, `granted:`: `<7d` = less than 7 days ago, so after
 * now - 7d). Dates are whole UTC days: `<D` before D starts, `>D` after D ends, `<=` and
 * `>=` include D, a bare D is D itself.
 */
export function timeRange(value: TimeComparison, direction: 'future' | 'past', now: number): TimeRange {
  if (value.kind === 'relative') {
    if (direction === 'future') return compare(value.op, now + value.ms);
    return compare(FLIP[value.op], now - value.ms);
  }
  const start = value.dayStart;
  const end = start + DAY_MS;
  switch (value.op) {
    case '<':
      return compare('<', start);
    case '<=':
      return compare('<', end);
    case '>':
      return compare('>=', end);
    case '>=':
      return compare('>=', start);
    case '=':
      return { lo: start, loIncl: true, hi: end, hiIncl: false };
  }
}

export function inRange(t: number, r: TimeRange): boolean {
  return (r.loIncl ? t >= r.lo : t > r.lo) && (r.hiIncl ? t <= r.hi : t < r.hi);
}
