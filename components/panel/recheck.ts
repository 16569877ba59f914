// An open panel picks up credentials saved, signed in or unlocked on the options page without a
// reload (issue 13 item 7): the owner comes back to GitHub's tab, the frame becomes visible (or
// its window regains focus), and a panel still waiting for credentials starts again. Nothing is
// read from storage here: the worker's settings.get says what changed.
import type { PanelState } from './state';

interface Restartable {
  getState(): Pick<PanelState, 'status'> & { start(): Promise<void> };
}

/** States that new credentials can end; a loaded panel is left alone. */
const WAITING: ReadonlySet<PanelState['status']> = new Set(['not-configured', 'locked', 'error']);

export function restartWhenShown(store: Restartable, win: Window = window): () => void {
  let running = false;
  const check = () => {
    if (running || win.document.visibilityState !== 'visible') return;
    if (!WAITING.has(store.getState().status)) return;
    running = true;
    void store
      .getState()
      .start()
      .finally(() => {
        running = false;
      });
  };
  win.document.addEventListener('visibilitychange', check);
  win.addEventListener('focus', check);
  return () => {
    win.document.removeEventListener('visibilitychange', check);
    win.removeEventListener('focus', check);
  };
}
