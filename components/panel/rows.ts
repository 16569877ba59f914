// The table's rows: positions in a list, read one at a time. A keystroke that matches 40,000
// tokens used to build a 40,000-element array (large objects, each one straight into the old
// generation), and the garbage collection they caused was most of the slowest keystrokes at
// 50,000 tokens (`npm run bench`). The table reads only the rows in view.
import type { Token } from '../../lib/tokens';

export interface Rows {
  readonly length: number;
  /** Row i, or undefined past the end. */
  at(i: number): Token | undefined;
  some(test: (token: Token) => boolean): boolean;
  findIndex(test: (token: Token) => boolean): number;
  /** Every row, as a new array: for an action on the whole result, never per keystroke. */
  all(): Token[];
}

/** `list`'s entries at `positions`, in that order; every entry of `list` when null. */
export function rowsAt(list: readonly Token[], positions: Int32Array | null): Rows {
  const length = positions ? positions.length : list.length;
  const at = positions
    ? (i: number) => (i >= 0 && i < length ? list[positions[i] as number] : undefined)
    : (i: number) => (i >= 0 ? list[i] : undefined);
  const findIndex = (test: (token: Token) => boolean) => {
    for (let i = 0; i < length; i++) if (test(at(i) as Token)) return i;
    return -1;
  };
  return {
    length,
    at,
    findIndex,
    some: (test) => findIndex(test) >= 0,
    all: () => (positions ? Array.from(positions, (p) => list[p] as Token) : [...list]),
  };
}

export const NO_ROWS: Rows = rowsAt([], null);
