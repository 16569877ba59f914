// The summary buttons above the table: one click applies the preset's query (the filter box
// stays the one truth, so the query is visible and editable afterwards). "What changed" adds
// its three when the list differs from the review baseline, and "Mark reviewed".
import { useMemo } from 'preact/hooks';
import { formatCount } from '../../lib/plural';
import { changeCounts, summaryCounts } from '../../lib/summary';
import { useStore } from '../use-store';
import { ReviewBar } from './ReviewBar';
import type { PanelStore } from './store';

interface PresetProps {
  store: PanelStore;
  label: string;
  preset: string;
  count: number;
}

/**
 * One button. It alone reads the query (whether it is pressed), so a keystroke re-renders a
 * button only when its pressed state flips, not the summary, its counts or the review bar.
 */
function Preset({ store, label, preset, count }: PresetProps) {
  const pressed = useStore(store, (s) => s.query.trim() === preset);
  return (
    <li>
      <button
        type="button"
        class="patrol-button patrol-button-small"
        aria-pressed={pressed}
        title={preset}
        onClick={() => {
          const { query, setQuery } = store.getState();
          setQuery(query.trim() === preset ? '' : preset);
        }}
      >
        {label} <span class={`patrol-counter${count > 0 ? '' : ' is-zero'}`}>{formatCount(count)}</span>
      </button>
    </li>
  );
}

export function Summary({ store }: { store: PanelStore }) {
  const tokens = useStore(store, (s) => s.tokens);
  const policies = useStore(store, (s) => s.policies);
  const members = useStore(store, (s) => s.memberRoles);
  const changes = useStore(store, (s) => (s.changes && s.changes.loadedAt === s.loadedAt ? s.changes : null));
  const { org, now } = store.getState();
  // Counted once per list (a load), not per keystroke; then one button per policy, then what
  // changed since the review.
  const counts = useMemo(
    () =>
      summaryCounts(
        tokens,
        org,
        now(),
        policies.map((p) => ({ label: p.name, query: p.query })),
        members,
      ),
    [tokens, org, now, policies, members],
  );
  const changed = useMemo(() => (changes ? changeCounts(changes.sets) : []), [changes]);
  return (
    <>
      <ul class="patrol-summary" aria-label="Summary">
        {[...counts, ...changed].map(({ label, query: preset, count }, index) => (
          <Preset key={`${index}:${label}`} store={store} label={label} preset={preset} count={count} />
        ))}
      </ul>
      <ReviewBar store={store} />
    </>
  );
}
