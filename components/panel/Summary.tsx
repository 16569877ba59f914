// The summary buttons above the table: one click applies the preset's query (the filter box
// stays the one truth, so the query is visible and editable afterwards).
import { useMemo } from 'preact/hooks';
import { formatCount } from '../../lib/plural';
import { summaryCounts } from '../../lib/summary';
import { useStore } from '../use-store';
import type { PanelStore } from './store';

export function Summary({ store }: { store: PanelStore }) {
  const tokens = useStore(store, (s) => s.tokens);
  const query = useStore(store, (s) => s.query.trim());
  const { org, now } = store.getState();
  // Counted once per list (a load), not per keystroke.
  const counts = useMemo(() => summaryCounts(tokens, org, now()), [tokens, org, now]);
  return (
    <ul class="patrol-summary" aria-label="Summary">
      {counts.map(({ label, query: preset, count }) => (
        <li key={label}>
          <button
            type="button"
            class="patrol-button patrol-button-small"
            aria-pressed={query === preset}
            title={preset}
            onClick={() => store.getState().setQuery(query === preset ? '' : preset)}
          >
            {label} <span class={`patrol-counter${count > 0 ? '' : ' is-zero'}`}>{formatCount(count)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
