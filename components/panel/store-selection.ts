// Selection: a set of grant ids that survives filter changes and reloads (minus revoked ids).
import { isGone } from '../../lib/gone';
import type { Token } from '../../lib/tokens';
import type { Kit, PanelActions } from './state';

export function selectionActions(
  kit: Kit,
): Pick<PanelActions, 'clickRow' | 'toggleAllMatching' | 'clearSelection'> {
  const { get, update } = kit;
  return {
    clickRow(grantId, shift) {
      const { selection, anchorId, shown } = get();
      // A gone token (`is:gone`) is never selectable: nothing is left to revoke.
      if (shown.some((t) => t.grantId === grantId && isGone(t))) return;
      const next = new Set(selection);
      const on = !selection.has(grantId);
      // The range runs in the current sorted and filtered order, as the owner sees it.
      const from = shift && anchorId !== null ? shown.findIndex((t) => t.grantId === anchorId) : -1;
      const to = from >= 0 ? shown.findIndex((t) => t.grantId === grantId) : -1;
      if (from >= 0 && to >= 0) {
        const [lo, hi] = from < to ? [from, to] : [to, from];
        for (let i = lo; i <= hi; i++) {
          const token = shown.at(i) as Token;
          if (isGone(token)) continue;
          const id = token.grantId;
          if (on) next.add(id);
          else next.delete(id);
        }
      } else if (on) next.add(grantId);
      else next.delete(grantId);
      // Shift-clicks extend from the same anchor, as in file managers.
      update({ selection: next, anchorId: from >= 0 && to >= 0 ? anchorId : grantId });
    },
    toggleAllMatching() {
      const { selection, shown: matching, task } = get();
      // Gone tokens match `is:gone` but are never selected, not by "Select all matching" either.
      const shown = matching.all().filter((t) => !isGone(t));
      // While `repo:` is still checking repositories, "all matching" is not known yet.
      if (shown.length === 0 || task?.purpose === 'filter') return;
      const next = new Set(selection);
      const all = shown.every((t) => selection.has(t.grantId));
      for (const t of shown) {
        if (all) next.delete(t.grantId);
        else next.add(t.grantId);
      }
      update({ selection: next });
    },
    clearSelection() {
      if (get().selection.size > 0) update({ selection: new Set(), anchorId: null });
    },
  };
}
