// A fixed-row-height virtualiser: only the rows in view (plus a small overscan) exist in
// the DOM, which keeps 50,000 rows as cheap as 50. Fixed heights make it exact arithmetic,
// so no measuring library is needed.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface VirtualOptions {
  count: number;
  rowHeight: number;
  /** Used when the container reports no height (happy-dom has no layout) or before layout. */
  fallbackHeight: number;
  overscan?: number;
}

export interface VirtualWindow {
  /** Attach to the scrolling element. */
  ref: (el: HTMLElement | null) => void;
  start: number;
  /** Exclusive. */
  end: number;
  totalHeight: number;
  /** Scrolls the least needed to bring row `index` fully into view. */
  scrollToIndex: (index: number) => void;
  /** Rows per page, for PageUp / PageDown. */
  pageSize: number;
  /** The most rows a window holds (a viewport and the overscan on both sides). */
  span: number;
}

export function useVirtual({
  count,
  rowHeight,
  fallbackHeight,
  overscan = 6,
}: VirtualOptions): VirtualWindow {
  const elRef = useRef<HTMLElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(fallbackHeight);

  const ref = useCallback((el: HTMLElement | null) => {
    elRef.current = el;
  }, []);

  useEffect(() => {
    const el = elRef.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight > 0 ? el.clientHeight : fallbackHeight);
    const onScroll = () => setScrollTop(el.scrollTop);
    measure();
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [fallbackHeight]);

  // A shrinking list (a narrower filter) must not leave the window past its end.
  const maxTop = Math.max(0, count * rowHeight - height);
  const top = Math.min(scrollTop, maxTop);
  const start = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = elRef.current;
      if (!el) return;
      const viewport = el.clientHeight > 0 ? el.clientHeight : height;
      const rowTop = index * rowHeight;
      let next = el.scrollTop;
      if (rowTop < next) next = rowTop;
      else if (rowTop + rowHeight > next + viewport) next = rowTop + rowHeight - viewport;
      if (next !== el.scrollTop) el.scrollTop = next;
      // happy-dom and some browsers fire no scroll event for programmatic scrolls in time.
      setScrollTop(next);
    },
    [height, rowHeight],
  );

  return {
    ref,
    start,
    end,
    totalHeight: count * rowHeight,
    scrollToIndex,
    pageSize: Math.max(1, Math.floor(height / rowHeight) - 1),
    span: Math.ceil(height / rowHeight) + 2 * overscan,
  };
}
