// The table's rows, derived from the store's inputs with memoisation: sort only when the
// tokens or the sort change, filter only when an input the query actually reads changes, and
// filter only the previous rows when the query narrowed.
import { benchMark } from '../../lib/bench-marks';
import { matchPositions, queryNeedsRepositories } from '../../lib/filter/evaluate';
import { narrows } from '../../lib/filter/narrow';
import type { ParsedQuery } from '../../lib/filter/parse';
import { usesReview } from '../../lib/filter/review-terms';
import type { MemberRole } from '../../lib/members';
import type { Token } from '../../lib/tokens';
import { NO_ROWS, type Rows, rowsAt } from './rows';
import { type Sort, sortTokens } from './sort';
import type { PanelChanges } from './state';

export interface DeriveInput {
  org: string;
  tokens: Token[];
  sort: Sort | null;
  parsed: ParsedQuery;
  selection: ReadonlySet<number>;
  repositories: ReadonlyMap<number, readonly string[]>;
  /** The org's membership for `member:` (null while unknown). */
  memberRoles?: ReadonlyMap<string, MemberRole> | null;
  changes: PanelChanges | null;
  loadedAt: number | null;
}

export interface Derived {
  /** Every token in the current sort order (the export and the dialog use this order). */
  sorted: readonly Token[];
  /** The tokens matching the filter, in sort order: the table's rows. */
  shown: Rows;
  /** How many of `shown` are selected. */
  selectedShown: number;
}

const usesSelection = (q: ParsedQuery): boolean =>
  q.terms.some((t) => t.type === 'is' && t.value === 'selected');

// Gone tokens are rows only for a query that asks for them: every other count stays the list's.
const showsGone = (q: ParsedQuery): boolean =>
  q.terms.some((t) => t.type === 'is' && t.value === 'gone' && !t.negated);

function samePositions(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createDeriver(now: () => number): (input: DeriveInput) => Derived {
  let last: DeriveInput | null = null;
  let out: Derived = { sorted: [], shown: NO_ROWS, selectedShown: 0 };
  /** Where `out.shown`'s rows are in `out.sorted`; null when they are all of it. */
  let positions: Int32Array | null = null;
  /** The list `positions` index into (the sorted rows, or them with the gone appended). */
  let positionsIn: readonly Token[] | null = null;
  let withGone: { sorted: readonly Token[]; gone: readonly Token[]; base: readonly Token[] } | null = null;
  return (input) => {
    const prev = last;
    last = input;
    const resort = !prev || prev.tokens !== input.tokens || prev.sort !== input.sort;
    // Frozen: nothing can edit the list in place, so the filter's index of it (lib/filter/
    // list-index.ts) stays valid without a look at its 50,000 entries per keystroke.
    const sorted = resort ? Object.freeze(sortTokens(input.tokens, input.sort, now())) : out.sorted;
    const q = input.parsed;
    const refilter =
      resort ||
      !prev ||
      prev.parsed !== q ||
      prev.org !== input.org ||
      (usesSelection(q) && prev.selection !== input.selection) ||
      (queryNeedsRepositories(q) && prev.repositories !== input.repositories) ||
      prev.memberRoles !== input.memberRoles ||
      (usesReview(q) && prev.changes !== input.changes);
    let shown = out.shown;
    // Changes computed for another list than the one shown (a reload just landed) do not apply.
    const changes = input.changes && input.changes.loadedAt === input.loadedAt ? input.changes : null;
    if (refilter) {
      benchMark('patrol:filter:start');
      // Gone tokens (from the baseline's snapshot) are rows only for a query that asks for them.
      // The same array while neither changes, so the filter's caches by list (lib/filter) hold.
      let base = sorted;
      if (showsGone(q) && changes) {
        if (withGone?.sorted !== sorted || withGone.gone !== changes.gone)
          withGone = { sorted, gone: changes.gone, base: Object.freeze([...sorted, ...changes.gone]) };
        base = withGone.base;
      }
      // Typing on at the end of the query only narrows it: re-check the previous rows'
      // positions in `base` rather than every token (lib/filter/narrow.ts).
      const onlyQuery = prev !== null && !resort && prev.org === input.org && base === sorted;
      const within = onlyQuery && positions !== null && narrows(prev.parsed, q) ? positions : undefined;
      if (q.terms.length === 0 && q.errors.length === 0) {
        // An empty query matches everything: the sorted list itself, the same rows while it is.
        if (!(positions === null && positionsIn === sorted)) shown = rowsAt(sorted, null);
        positions = null;
        positionsIn = sorted;
      } else {
        const ctx = {
          now: now(),
          selected: input.selection,
          repositories: input.repositories,
          org: input.org,
          members: input.memberRoles ?? null,
          changes: changes?.sets,
        };
        const next = matchPositions(base, q, ctx, within);
        // The same rows (a trailing space, a letter every row has): keep them, so the table
        // need not render again.
        if (!(base === positionsIn && positions !== null && samePositions(positions, next)))
          shown = rowsAt(base, next);
        positions = next;
        positionsIn = base;
      }
      benchMark('patrol:filter:end');
    }
    let selectedShown = out.selectedShown;
    if (refilter || !prev || prev.selection !== input.selection) {
      selectedShown = 0;
      if (input.selection.size > 0)
        for (let i = 0; i < shown.length; i++)
          if (input.selection.has((shown.at(i) as Token).grantId)) selectedShown++;
    }
    if (sorted !== out.sorted || shown !== out.shown || selectedShown !== out.selectedShown) {
      out = { sorted, shown, selectedShown };
    }
    return out;
  };
}
