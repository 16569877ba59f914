// biome-ignore-all lint/a11y/useSemanticElements: <table> elements cannot be virtualised (absolutely positioned rows), so ARIA table roles go on divs.
// biome-ignore-all lint/a11y/useFocusableInteractive: a column header is not itself interactive; its sort button is.
// The virtualised token table: ARIA table roles on divs so only the rows in view are in
// the DOM. One row is in the tab order (roving tabindex); arrows move, Space selects.
import { Component, type RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Token } from '../../lib/tokens';
import { useStore } from '../use-store';
import { rowSlots } from './row-slots';
import { COLUMNS, type Sort, type SortKey } from './sort';
import type { PanelStore } from './store';
import { TokenRow } from './TokenRow';
import { useVirtual } from './use-virtual';

export const ROW_HEIGHT = 36;

interface Props {
  store: PanelStore;
  /** The body's height when layout reports none (happy-dom); in the page CSS sets it. */
  viewportHeight: number;
}

const STEP: Record<string, (i: number, page: number, last: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  PageDown: (i, page) => i + page,
  PageUp: (i, page) => i - page,
  Home: () => 0,
  End: (_i, _page, last) => last,
};

interface HeadProps {
  sort: Sort | null;
  onSort: (key: SortKey) => void;
  headRef: RefObject<HTMLDivElement | null>;
}

/**
 * The column headers: they change only with the sort, so a keystroke (new rows) does not
 * redraw them.
 */
export class TableHead extends Component<HeadProps> {
  override shouldComponentUpdate(next: HeadProps): boolean {
    return next.sort !== this.props.sort || next.onSort !== this.props.onSort;
  }

  override render() {
    const { sort, onSort, headRef } = this.props as HeadProps;
    return (
      // The header stays above the rows and follows their horizontal scroll (narrow frames).
      <div role="rowgroup" class="patrol-head" ref={headRef}>
        <div role="row" aria-rowindex={1} class="patrol-row patrol-row-head">
          {COLUMNS.map(({ key, label }) => {
            const dir = sort?.key === key ? sort.dir : null;
            return (
              <div
                role="columnheader"
                key={key}
                class="patrol-cell"
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
              >
                <button type="button" class="patrol-sort" onClick={() => onSort(key)}>
                  {label}
                  <span aria-hidden="true" class="patrol-sort-mark">
                    {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
    );
  }
}

export function TokenTable({ store, viewportHeight }: Props) {
  const shown = useStore(store, (s) => s.shown);
  const selection = useStore(store, (s) => s.selection);
  const sort = useStore(store, (s) => s.sort);
  const details = useStore(store, (s) => s.details);
  const { sortBy, clickRow, now, openDetails } = store.getState();
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const bodyRef = useRef<HTMLDivElement | null>(null);
  const headRef = useRef<HTMLDivElement | null>(null);
  const virtual = useVirtual({ count: shown.length, rowHeight: ROW_HEIGHT, fallbackHeight: viewportHeight });
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));
  const openedFrom = useRef<number | null>(null);
  /** The token each row position last showed, for the rows a shorter result leaves empty. */
  const lastShown = useRef(new Map<number, Token>());

  // Closing the details puts focus back on the token's row (PRODUCT.md "Token details").
  useLayoutEffect(() => {
    const from = openedFrom.current;
    openedFrom.current = details;
    if (details !== null || from === null) return;
    const index = shown.findIndex((t) => t.grantId === from);
    if (index < 0) return;
    virtual.scrollToIndex(index);
    focusPending.current = true;
    setActive(index);
    bodyRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  }, [details]);

  // Focus follows the active row once it has been rendered.
  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    bodyRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`)?.focus();
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (shown.length === 0) return;
    const step = STEP[event.key];
    if (step) {
      event.preventDefault();
      const next = Math.max(
        0,
        Math.min(shown.length - 1, step(activeIndex, virtual.pageSize, shown.length - 1)),
      );
      virtual.scrollToIndex(next);
      focusPending.current = true;
      setActive(next);
    } else if (event.key === ' ' && (event.target as HTMLElement).getAttribute('role') === 'row') {
      event.preventDefault();
      const token = shown.at(activeIndex);
      if (token) clickRow(token.grantId, event.shiftKey);
    } else if (event.key === 'Enter' && (event.target as HTMLElement).getAttribute('role') === 'row') {
      event.preventDefault();
      const token = shown.at(activeIndex);
      if (token) openDetails(token.grantId);
    }
  };

  // Whole minutes: rows show dates, and a steady value lets unchanged rows skip re-rendering.
  const time = Math.floor(now() / 60_000) * 60_000;
  // The window, plus the active row wherever it is, so Tab can always reach the table; rows
  // past a shorter result stay, hidden (row-slots.ts).
  const slots = rowSlots(shown, virtual, activeIndex, lastShown.current);
  lastShown.current = slots.tokens;
  // One array, so a row moving between shown and hidden keeps its key among the same siblings.
  const rows = slots.positions.map((i) => {
    const token = slots.tokens.get(i) as Token;
    const hidden = i >= shown.length;
    return (
      // Keyed by position, not by token: when a keystroke changes which tokens are in view,
      // the rows' elements are patched in place instead of every one removed and created
      // again (most of the DOM's share of a keystroke at 50,000 tokens).
      <TokenRow
        key={i}
        token={token}
        index={i}
        top={i * ROW_HEIGHT}
        selected={!hidden && selection.has(token.grantId)}
        active={i === activeIndex && !hidden}
        now={time}
        onCheck={clickRow}
        onOpen={openDetails}
        hidden={hidden}
      />
    );
  });

  return (
    <div role="table" aria-label="Tokens" aria-rowcount={shown.length + 1} class="patrol-table">
      <TableHead sort={sort} onSort={sortBy} headRef={headRef} />
      <div
        role="rowgroup"
        class="patrol-body"
        ref={(el) => {
          bodyRef.current = el;
          virtual.ref(el);
        }}
        onKeyDown={onKeyDown}
        onScroll={(event) => {
          if (headRef.current) headRef.current.scrollLeft = event.currentTarget.scrollLeft;
        }}
        onFocusIn={(event) => {
          const index = Number(
            (event.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index'),
          );
          if (Number.isInteger(index) && index !== activeIndex) setActive(index);
        }}
      >
        <div class="patrol-spacer" aria-hidden="true" style={{ height: `${virtual.totalHeight}px` }} />
        {rows}
      </div>
    </div>
  );
}
