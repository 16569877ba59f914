// Export and "Revoke selected", plus the progress of a long step (repository lists). The
// export button says what it will export, and an export that fetches repositories can be
// cancelled.
import { useRef } from 'preact/hooks';
import { isGone } from '../../lib/gone';
import { formatCount } from '../../lib/plural';
import type { Token } from '../../lib/tokens';
import type { Download } from '../download';
import { useStore } from '../use-store';
import type { PanelStore } from './store';

/** `Export 234 selected` when there is a selection (hidden rows included), else `Export 1,516 matching`. */
export const exportLabel = (selected: number, matching: number): string =>
  selected > 0 ? `Export ${formatCount(selected)} selected` : `Export ${formatCount(matching)} matching`;

export function Actions({ store, download }: { store: PanelStore; download: Download }) {
  const selected = useStore(store, (s) => s.selection.size);
  // Gone rows (`is:gone`, always last) are not exported.
  const matching = useStore(store, (s) => {
    let n = s.shown.length;
    while (n > 0 && isGone(s.shown.at(n - 1) as Token)) n--;
    return n;
  });
  const task = useStore(store, (s) => s.task);
  const exporting = useStore(store, (s) => s.exporting);
  const jobRunning = useStore(store, (s) => s.job !== null && s.job.phase !== 'done');
  const here = useRef<HTMLDivElement>(null);

  const exportCsv = async () => {
    const file = await store.getState().buildExport();
    if (file && here.current) download(file.fileName, file.csv, here.current);
  };

  return (
    <div class="patrol-actions" ref={here}>
      <button
        type="button"
        class="patrol-button"
        disabled={exporting || (selected === 0 && matching === 0)}
        onClick={() => void exportCsv()}
      >
        {exportLabel(selected, matching)}
      </button>
      <button
        type="button"
        class="patrol-button patrol-button-danger"
        data-focus="revoke"
        disabled={selected === 0 || jobRunning}
        onClick={() => store.getState().openRevoke()}
      >
        Revoke selected
      </button>
      {task && (
        <span class="patrol-task">
          <progress max={task.total} value={task.done} aria-label={task.label} />
          <span>
            {task.label}… {formatCount(task.done)} of {formatCount(task.total)}
          </span>
        </span>
      )}
      {exporting && (
        <button type="button" class="patrol-button" onClick={() => store.getState().cancelExport()}>
          Cancel export
        </button>
      )}
    </div>
  );
}
