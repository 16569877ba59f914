// Which row positions the table draws, and with which token. The window of rows in view, plus
// the active row wherever it is (it holds the table's one tab stop). A result shorter than the
// window (nothing matches while a qualifier is half typed) keeps the rows past its end in the
// DOM, hidden, with the tokens they last showed: the next keystroke that matches again patches
// them instead of creating every row's elements anew, which was most of the slowest keystrokes
// at 50,000 tokens (`npm run bench`).
import type { Token } from '../../lib/tokens';
import type { Rows } from './rows';

export interface Slots {
  /** Positions to draw, in order: the shown ones, then the hidden ones (position ≥ shown.length). */
  positions: number[];
  /** The token of each position drawn: the next call's `previous`. */
  tokens: Map<number, Token>;
}

export interface SlotWindow {
  start: number;
  end: number;
  /** The most rows a window holds. */
  span: number;
}

export function rowSlots(
  shown: Rows,
  view: SlotWindow,
  activeIndex: number,
  previous: ReadonlyMap<number, Token>,
): Slots {
  const positions: number[] = [];
  const tokens = new Map<number, Token>();
  const add = (i: number, token: Token | undefined) => {
    if (!token) return;
    positions.push(i);
    tokens.set(i, token);
  };
  for (let i = view.start; i < view.end; i++) add(i, shown.at(i));
  if (shown.length > 0 && (activeIndex < view.start || activeIndex >= view.end))
    add(activeIndex, shown.at(activeIndex));
  for (let i = Math.max(view.end, shown.length); i < view.start + view.span; i++) add(i, previous.get(i));
  return { positions, tokens };
}
