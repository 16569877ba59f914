// The count status (role=status, wording fixed by PRODUCT.md) and "Select all matching".
import { isGone } from '../../lib/gone';
import { formatCount } from '../../lib/plural';
import { useStore } from '../use-store';
import type { Task } from './state';
import type { PanelStore } from './store';

/**
 * `{shown} of {total} tokens · {n} selected ({h} hidden by the filter)`, and while the `repo:`
 * filter still waits for repository lists, `· checking repositories {k} of {n}`: the count
 * is not final until then.
 */
export function statusText(
  shown: number,
  total: number,
  selected: number,
  selectedShown: number,
  checking: Pick<Task, 'done' | 'total'> | null = null,
): string {
  // Counts with thousands separators ("1,516 of 20,000 tokens"), like GitHub's own counts.
  let text = `${formatCount(shown)} of ${formatCount(total)} tokens`;
  if (selected > 0) text += ` · ${formatCount(selected)} selected`;
  if (selected > selectedShown) text += ` (${formatCount(selected - selectedShown)} hidden by the filter)`;
  if (checking)
    text += ` · checking repositories ${formatCount(checking.done)} of ${formatCount(checking.total)}`;
  return text;
}

export function StatusLine({ store }: { store: PanelStore }) {
  const shown = useStore(store, (s) => s.shown.length);
  const total = useStore(store, (s) => s.tokens.length);
  const selected = useStore(store, (s) => s.selection.size);
  const selectedShown = useStore(store, (s) => s.selectedShown);
  const task = useStore(store, (s) => s.task);
  // Only gone tokens match (`is:gone`): there is nothing to select.
  const selectable = useStore(store, (s) => s.shown.some((t) => !isGone(t)));
  const checking = task?.purpose === 'filter' ? task : null;
  const all = shown > 0 && selectedShown === shown;
  return (
    <div class="patrol-statusline">
      <label class="patrol-check">
        <input
          type="checkbox"
          checked={all}
          indeterminate={selectedShown > 0 && !all}
          // Held while `repo:` is still checking: "all matching" is not known yet.
          disabled={!selectable || checking !== null}
          onClick={() => store.getState().toggleAllMatching()}
        />
        Select all matching
      </label>
      <p role="status" class="patrol-status">
        {statusText(shown, total, selected, selectedShown, checking)}
      </p>
      {selected > 0 && (
        <button type="button" class="patrol-link" onClick={() => store.getState().clearSelection()}>
          Clear selection
        </button>
      )}
    </div>
  );
}
