// How many of the popup's results to draw now. The list shows about five results in its
// 300 px (entrypoints/popup/style.css); drawing all 50 in the frame of a keystroke, or of the
// popup's first result, was most of that frame. The first FIRST_DRAWN are drawn at once and
// the rest once the browser is idle after painting them, so the next keystroke never waits for
// rows nobody sees yet. A row the keyboard moves to is always drawn.
import { useEffect, useState } from 'preact/hooks';

export const FIRST_DRAWN = 10;

/** After the frame that is being drawn: idle time where there is some, else the next task. */
function afterPaint(callback: () => void): () => void {
  const { requestIdleCallback: idle, cancelIdleCallback: cancel } = globalThis;
  if (idle && cancel) {
    const id = idle(callback, { timeout: 200 });
    return () => cancel(id);
  }
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
}

/** Results of `list` to draw: FIRST_DRAWN (and through `active`) now, every one soon after. */
export function useDrawn(list: readonly unknown[], active: number): number {
  const [whole, setWhole] = useState<readonly unknown[] | null>(null);
  // Effects run after the paint (Preact's useEffect), and idle time comes after that.
  useEffect(() => {
    if (list.length <= FIRST_DRAWN) return;
    return afterPaint(() => setWhole(list));
  }, [list]);
  if (whole === list) return list.length;
  return Math.min(list.length, Math.max(FIRST_DRAWN, active + 1));
}
