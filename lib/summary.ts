// The panel's summary (PRODUCT.md "The panel" → Summary): preset queries an auditor asks
// first, each with how many tokens it matches. Counted with the filter itself, so a button's
// count is exactly what its query then shows.
import { filterTokens } from './filter/evaluate';
import type { MemberRole } from './members';
import type { Token } from './tokens';

export interface Preset {
  label: string;
  query: string;
}

export const SUMMARY_PRESETS: readonly Preset[] = [
  { label: 'High risk', query: 'risk:high' },
  { label: 'Never expires', query: 'expires:never' },
  { label: 'Expiring in 7 days', query: 'expires:<7d is:active' },
  { label: 'Unused 90 days', query: 'used:>90d' },
  { label: 'Expired', query: 'is:expired' },
];

export interface PresetCount extends Preset {
  count: number;
}

/** Each preset (then each policy, when there are policies) with its count over `tokens`. */
export function summaryCounts(
  tokens: readonly Token[],
  org: string,
  now: number,
  policies: readonly Preset[] = [],
  members: ReadonlyMap<string, MemberRole> | null = null,
): PresetCount[] {
  const ctx = {
    now,
    org,
    selected: new Set<number>(),
    repositories: new Map<number, readonly string[]>(),
    members,
  };
  return [...SUMMARY_PRESETS, ...policies].map((preset) => ({
    ...preset,
    count: filterTokens(tokens, preset.query, ctx).length,
  }));
}

/** "What changed" (PRODUCT.md): shown when the list differs from the review baseline. */
export const CHANGE_PRESETS = [
  { label: 'New since review', query: 'is:new', key: 'new' },
  { label: 'Changed since review', query: 'is:changed', key: 'changed' },
  { label: 'Gone since review', query: 'is:gone', key: 'gone' },
] as const;

/** The three buttons with their counts, or none when nothing changed since the review. */
export function changeCounts(sets: {
  new: ReadonlySet<number>;
  changed: ReadonlySet<number>;
  gone: ReadonlySet<number>;
}): PresetCount[] {
  if (sets.new.size + sets.changed.size + sets.gone.size === 0) return [];
  return CHANGE_PRESETS.map(({ label, query, key }) => ({ label, query, count: sets[key].size }));
}
