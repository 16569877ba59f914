// "Export CSV" and "Revoke selected", plus the progress of a long step (repository lists).
import { useRef } from 'preact/hooks';
import type { Download } from '../download';
import { useStore } from '../use-store';
import type { PanelStore } from './store';

export function Actions({ store, download }: { store: PanelStore; download: Download }) {
  const selected = useStore(store, (s) => s.selection.size);
  const task = useStore(store, (s) => s.task);
  const jobRunning = useStore(store, (s) => s.job !== null && s.job.phase !== 'done');
  const here = useRef<HTMLDivElement>(null);

  const exportCsv = async () => {
    const file = await store.getState().buildExport();
    if (file && here.current) download(file.fileName, file.csv, here.current);
  };

  return (
    <div class="patrol-actions" ref={here}>
      <button type="button" class="patrol-button" disabled={task !== null} onClick={() => void exportCsv()}>
        Export CSV
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
            {task.label}… {task.done} of {task.total}
          </span>
        </span>
      )}
    </div>
  );
}
