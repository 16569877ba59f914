// A query's terms as tests of a position in an indexed list (lib/filter/list-index.ts): a
// date, the risk or the selection is read from the index's typed columns, and a word, an
// owner or a permission from a mark per position built from the index's lists. A keystroke
// over 50,000 tokens then reads small arrays instead of 50,000 objects, and allocates little.
//
// Each test means exactly what the term's predicate in lib/filter/evaluate.ts means (that file
// stays the definition; tests/lib/filter-position-tests.test.ts compares both on every term).
// A term a column cannot answer returns null and the caller uses the predicate.
import { searchFold } from '../text';
import { levelRank } from '../tokens';
import { inRange, type TimeRange, timeRange } from './dates';
import { RISK_CODE, selectionCode } from './list-columns';
import { type ListIndex, wordCost, wordPositions } from './list-index';
import type { Term } from './types';

export type PositionTest = (position: number) => boolean;

/** What a position test may read besides the index (lib/filter/evaluate.ts FilterContext). */
export interface PositionContext {
  now: number;
  selected: ReadonlySet<number>;
  changes?: { new: ReadonlySet<number>; changed: ReadonlySet<number>; gone: ReadonlySet<number> };
}

/** Below this many positions to check, a word is compared per token instead of marked. */
const fewChecks = (index: ListIndex) => index.tokens.length / 32;

/** A mark per position: 1 for each position in `lists`. */
export function marks(index: ListIndex, lists: readonly ArrayLike<number>[]): Uint8Array {
  const mark = new Uint8Array(index.tokens.length);
  for (const list of lists) for (let k = 0; k < list.length; k++) mark[list[k] as number] = 1;
  return mark;
}

function dateTest(column: Float64Array, range: TimeRange, whenNull: boolean): PositionTest {
  return (i) => {
    const t = column[i] as number;
    // NaN: the token has no such date.
    return Number.isNaN(t) ? whenNull : inRange(t, range);
  };
}

const isExpiredAt = (index: ListIndex, now: number): PositionTest => {
  const { expired, expiresAt } = index.columns;
  return (i) => expired[i] === 1 || (expiresAt[i] as number) <= now;
};

/**
 * The test of one term before negation, or null when the columns cannot answer it (`repo:`,
 * `member:`, a request's reason or time) or a per-token comparison is cheaper (`checks`, how
 * many positions will be tested, is few).
 */
export function positionTest(
  term: Term,
  index: ListIndex,
  ctx: PositionContext,
  checks: number,
): PositionTest | null {
  const { columns } = index;
  const { now } = ctx;
  switch (term.type) {
    case 'text':
    case 'name': {
      const word = searchFold(term.value);
      // Invisible characters only (their own rule), or few positions: the predicate decides.
      if (word === '' || checks <= fewChecks(index) || wordCost(index, word) >= checks) return null;
      const mark = marks(index, [wordPositions(index, word, term.type === 'name')]);
      return (i) => mark[i] === 1;
    }
    case 'owner': {
      const mark = marks(index, [index.byLogin.get(searchFold(term.value)) ?? []]);
      return (i) => mark[i] === 1;
    }
    case 'perm': {
      const positions = index.byPermission.get(term.name) ?? [];
      const levels = index.permissionLevels.get(term.name) ?? [];
      const min = term.level === null ? 0 : levelRank(term.level);
      const mark = new Uint8Array(index.tokens.length);
      positions.forEach((i, k) => {
        if ((levels[k] as number) >= min) mark[i] = 1;
      });
      return (i) => mark[i] === 1;
    }
    case 'access': {
      const code = selectionCode(term.value);
      return (i) => columns.selection[i] === code;
    }
    case 'risk': {
      const code = RISK_CODE[term.value];
      return (i) => columns.risk[i] === code;
    }
    case 'expires':
      if (term.value.kind === 'never') return (i) => Number.isNaN(columns.expiresAt[i]);
      return dateTest(columns.expiresAt, timeRange(term.value, 'future', now), false);
    case 'used': {
      if (term.value.kind === 'never') return (i) => Number.isNaN(columns.lastUsedAt[i]);
      // Open towards the past means "not used since": never-used tokens belong.
      const range = timeRange(term.value, 'past', now);
      return dateTest(columns.lastUsedAt, range, range.lo === -Infinity);
    }
    case 'granted':
      return dateTest(columns.grantedAt, timeRange(term.value, 'past', now), false);
    case 'is': {
      if (term.value === 'expired') return isExpiredAt(index, now);
      if (term.value === 'active') {
        const expired = isExpiredAt(index, now);
        return (i) => !expired(i);
      }
      const ids =
        term.value === 'selected' ? ctx.selected : ctx.changes ? ctx.changes[term.value] : new Set<number>();
      return (i) => ids.has(columns.grantId[i] as number);
    }
    default:
      return null;
  }
}
