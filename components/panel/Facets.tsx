// Facet menus. They only rewrite the filter box's text through lib/filter's edit helpers,
// so the box stays the one truth and every facet choice is visible (and editable) as text.

import { useMemo } from 'preact/hooks';
import type { Qualifier } from '../../lib/filter/parse';
import { qualifierValues, setQualifier, toggleTerm } from '../../lib/filter/parse';
import { useStore } from '../use-store';
import type { PanelStore } from './store';

type Choice = readonly [value: string, label: string];

/** Single-valued facets: choosing replaces the qualifier's term. */
const SINGLE: readonly { qualifier: Qualifier; label: string; choices: readonly Choice[] }[] = [
  {
    qualifier: 'access',
    label: 'Access',
    choices: [
      ['all', 'All repositories'],
      ['selected', 'Selected repositories'],
      ['none', 'No repositories'],
    ],
  },
  {
    qualifier: 'expires',
    label: 'Expiry',
    choices: [
      ['<7d', 'Within 7 days'],
      ['<30d', 'Within 30 days'],
      ['<90d', 'Within 90 days'],
      ['never', 'Never expires'],
    ],
  },
  {
    qualifier: 'used',
    label: 'Last used',
    choices: [
      ['<7d', 'In the last 7 days'],
      ['<30d', 'In the last 30 days'],
      ['>90d', 'Not in 90 days'],
      ['>1y', 'Not in a year'],
      ['never', 'Never used'],
    ],
  },
  {
    qualifier: 'risk',
    label: 'Risk',
    choices: [
      ['high', 'High'],
      ['medium', 'Medium'],
      ['low', 'Low'],
    ],
  },
];

/** The most common values first, capped: a 50,000-token org has too many owners to list. */
function topValues(values: Iterable<string>, cap: number): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, cap)
    .map(([v]) => v);
}

/**
 * The owner and permission "add" menus. They read the query only when a choice is made, so
 * typing in the filter box does not re-render their hundreds of options on every keystroke.
 */
function AddMenus({ store }: { store: PanelStore }) {
  const tokens = useStore(store, (s) => s.tokens);
  const toggle = (term: string) => {
    const { query, setQuery } = store.getState();
    setQuery(toggleTerm(query, term));
  };
  const owners = useMemo(
    () =>
      topValues(
        tokens.map((t) => t.ownerLogin),
        200,
      ),
    [tokens],
  );
  const perms = useMemo(
    () =>
      topValues(
        tokens.flatMap((t) => t.permissions.map((p) => p.name)),
        200,
      ).sort(),
    [tokens],
  );
  return (
    <>
      {/* Multi-valued facets are "add" menus: a choice toggles its term, then the menu resets. */}
      <select
        class="patrol-select"
        aria-label="Owner"
        value=""
        onChange={(e) => {
          if (e.currentTarget.value) toggle(`owner:${e.currentTarget.value}`);
          e.currentTarget.value = '';
        }}
      >
        <option value="">Owner…</option>
        {owners.map((login) => (
          <option key={login} value={login}>
            {login}
          </option>
        ))}
      </select>
      <select
        class="patrol-select"
        aria-label="Permission"
        value=""
        onChange={(e) => {
          if (e.currentTarget.value) toggle(`perm:${e.currentTarget.value}`);
          e.currentTarget.value = '';
        }}
      >
        <option value="">Permission…</option>
        {perms.flatMap((name) => [
          <option key={name} value={name}>
            {name}
          </option>,
          <option key={`${name}:write`} value={`${name}:write`}>
            {name}: write or admin
          </option>,
        ])}
      </select>
    </>
  );
}

export function Facets({ store }: { store: PanelStore }) {
  const query = useStore(store, (s) => s.query);
  const setQuery = (text: string) => store.getState().setQuery(text);

  return (
    <div class="patrol-facets">
      <AddMenus store={store} />
      {SINGLE.map(({ qualifier, label, choices }) => {
        const current =
          qualifierValues(query, qualifier)
            .find((v) => !v.negated)
            ?.value.toLowerCase() ?? '';
        const known = choices.some(([value]) => value === current);
        return (
          <select
            key={qualifier}
            class="patrol-select"
            aria-label={label}
            value={current}
            onChange={(e) => setQuery(setQualifier(query, qualifier, e.currentTarget.value || null))}
          >
            <option value="">{label}: any</option>
            {current && !known && <option value={current}>{current}</option>}
            {choices.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        );
      })}
    </div>
  );
}
