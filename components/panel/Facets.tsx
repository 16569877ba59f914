// Facet menus. They only rewrite the filter box's text through lib/filter's edit helpers,
// so the box stays the one truth and every facet choice is visible (and editable) as text.

import { useMemo } from 'preact/hooks';
import type { Qualifier } from '../../lib/filter/parse';
import { qualifierValues, setQualifier, toggleTerm } from '../../lib/filter/parse';
import { useStore } from '../use-store';
import { type MenuItem, SelectMenu } from './SelectMenu';
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

/** Each value with how many tokens have it, the most common first. */
function counted(values: Iterable<string>): MenuItem[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([value, count]) => ({ value, count }));
}

/** The values of a qualifier's plain (not negated) terms in the query, lower case. */
function chosen(store: PanelStore, qualifier: Qualifier): ReadonlySet<string> {
  return new Set(
    qualifierValues(store.getState().query, qualifier)
      .filter((v) => !v.negated)
      .map((v) => v.value.toLowerCase()),
  );
}

/**
 * The owner and permission menus: searchable, every owner and every permission (once each),
 * counted. They read the query only while open, so typing in the filter box does not
 * re-render them on every keystroke.
 */
function AddMenus({ store }: { store: PanelStore }) {
  const tokens = useStore(store, (s) => s.tokens);
  const toggle = (term: string) => {
    const { query, setQuery } = store.getState();
    setQuery(toggleTerm(query, term));
  };
  const owners = useMemo(() => counted(tokens.map((t) => t.ownerLogin)), [tokens]);
  // A token counts once per permission name, whatever its scopes and level.
  const perms = useMemo(
    () => counted(tokens.flatMap((t) => [...new Set(t.permissions.map((p) => p.name))])),
    [tokens],
  );
  return (
    <>
      {/* A choice toggles its term in the box, which stays the one truth. */}
      <SelectMenu
        label="Owner"
        name="Filter by owner"
        filterLabel="Filter owners"
        listLabel="Owners"
        noun={['owner', 'owners']}
        items={owners}
        selected={() => chosen(store, 'owner')}
        onToggle={(login) => toggle(`owner:${login}`)}
      />
      <SelectMenu
        label="Permission"
        name="Filter by permission"
        filterLabel="Filter permissions"
        listLabel="Permissions"
        noun={['permission', 'permissions']}
        items={perms}
        selected={() => chosen(store, 'perm')}
        onToggle={(name) => toggle(`perm:${name}`)}
      />
    </>
  );
}

/** Each single-valued facet's current value (its first plain term's), lower case. */
function currentValues(query: string): string[] {
  return SINGLE.map(
    ({ qualifier }) =>
      qualifierValues(query, qualifier)
        .find((v) => !v.negated)
        ?.value.toLowerCase() ?? '',
  );
}

export function Facets({ store }: { store: PanelStore }) {
  // The facets' values, not the query: a keystroke re-renders the selects (and the menus
  // under them) only when it changes what one of them shows. A string, so equal is equal.
  const values = useStore(store, (s) => JSON.stringify(currentValues(s.query)));
  const current = JSON.parse(values) as string[];
  const setQuery = (qualifier: Qualifier, value: string | null) => {
    const { query, setQuery } = store.getState();
    setQuery(setQualifier(query, qualifier, value));
  };

  return (
    <div class="patrol-facets">
      <AddMenus store={store} />
      {SINGLE.map(({ qualifier, label, choices }, index) => {
        const value = current[index] ?? '';
        const known = choices.some(([choice]) => choice === value);
        return (
          <select
            key={qualifier}
            class="patrol-select"
            aria-label={label}
            value={value}
            onChange={(e) => setQuery(qualifier, e.currentTarget.value || null)}
          >
            <option value="">{label}: any</option>
            {value && !known && <option value={value}>{value}</option>}
            {choices.map(([choice, text]) => (
              <option key={choice} value={choice}>
                {text}
              </option>
            ))}
          </select>
        );
      })}
    </div>
  );
}
