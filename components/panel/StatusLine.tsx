// The count status (role=status, wording fixed by PRODUCT.md) and "Select all matching".
import { useStore } from '../use-store';
import type { PanelStore } from './store';

/** `{shown} of {total} tokens · {n} selected ({h} hidden by the filter)`. */
export function statusText(shown: number, total: number, selected: number, selectedShown: number): string {
  let text = `${shown} of ${total} tokens`;
  if (selected > 0) text += ` · ${selected} selected`;
  if (selected > selectedShown) text += ` (${selected - selectedShown} hidden by the filter)`;
  return text;
}

export function StatusLine({ store }: { store: PanelStore }) {
  const shown = useStore(store, (s) => s.shown.length);
  const total = useStore(store, (s) => s.tokens.length);
  const selected = useStore(store, (s) => s.selection.size);
  const selectedShown = useStore(store, (s) => s.selectedShown);
  const all = shown > 0 && selectedShown === shown;
  return (
    <div class="patrol-statusline">
      <label class="patrol-check">
        <input
          type="checkbox"
          checked={all}
          indeterminate={selectedShown > 0 && !all}
          disabled={shown === 0}
          onClick={() => store.getState().toggleAllMatching()}
        />
        Select all matching
      </label>
      <p role="status" class="patrol-status">
        {statusText(shown, total, selected, selectedShown)}
      </p>
      {selected > 0 && (
        <button type="button" class="patrol-link" onClick={() => store.getState().clearSelection()}>
          Clear selection
        </button>
      )}
    </div>
  );
}
