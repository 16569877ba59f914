// Policies (PRODUCT.md "Policies and watch"): named queries in the filter language that an
// owner wants watched. One definition for the extension and the CLI: the defaults, the rule
// a new policy must pass, and the counts the panel, the popup and the watch show.
import { type FilterContext, filterTokens } from './filter/evaluate';
import { parseQuery } from './filter/parse';
import type { Token } from './tokens';

export interface Policy {
  name: string;
  query: string;
}

export const DEFAULT_POLICIES: readonly Policy[] = [
  { name: 'Stale high risk', query: 'risk:high used:>90d' },
  { name: 'Never expires', query: 'expires:never' },
  { name: 'Unused 180 days', query: 'used:>180d' },
];

/** Bounds that keep a policy a label and a query, not a document. */
export const MAX_POLICY_NAME = 60;
export const MAX_POLICY_QUERY = 500;
export const MAX_POLICIES = 30;

/** What is wrong with the name as typed, or null. */
export function policyNameProblem(name: string, existing: readonly Policy[]): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give the policy a name, e.g. "Admin write".';
  if (trimmed.length > MAX_POLICY_NAME) return `A policy name has at most ${MAX_POLICY_NAME} characters.`;
  const lower = trimmed.toLowerCase();
  if (existing.some((p) => p.name.toLowerCase() === lower)) {
    return `A policy named "${trimmed}" exists already: choose another name or remove that one.`;
  }
  return null;
}

/** What is wrong with the query as typed (the filter parser's own message), or null. */
export function policyQueryProblem(query: string): string | null {
  const trimmed = query.trim();
  if (trimmed === '') return 'Type the query the policy counts, e.g. risk:high used:>90d.';
  if (trimmed.length > MAX_POLICY_QUERY) return `A policy query has at most ${MAX_POLICY_QUERY} characters.`;
  const { terms, errors } = parseQuery(trimmed);
  if (errors[0]) return errors[0].message;
  if (terms.some((t) => t.type === 'is' && t.value === 'selected')) {
    return 'is:selected depends on what is selected in a panel: a policy cannot use it.';
  }
  if (terms.some((t) => t.type === 'reason' || t.type === 'requested')) {
    return 'reason: and requested: apply to pending requests only: a policy counts tokens.';
  }
  return null;
}

/** The first problem of a new policy, or null when it can be added. */
export function policyProblem(policy: Policy, existing: readonly Policy[]): string | null {
  if (existing.length >= MAX_POLICIES) return `PATrol keeps at most ${MAX_POLICIES} policies.`;
  return policyNameProblem(policy.name, existing) ?? policyQueryProblem(policy.query);
}

/** Keeps the stored policies that still pass (a hand-edited or older store never breaks a count). */
export function validPolicies(stored: unknown): Policy[] {
  if (!Array.isArray(stored)) return [...DEFAULT_POLICIES];
  const kept: Policy[] = [];
  for (const item of stored) {
    const p = item as Partial<Policy> | null;
    if (typeof p?.name !== 'string' || typeof p.query !== 'string') continue;
    const policy = { name: p.name.trim(), query: p.query.trim() };
    if (policyProblem(policy, kept) === null) kept.push(policy);
  }
  return kept;
}

/** How many tokens each policy matches. */
export function policyCounts(
  tokens: readonly Token[],
  policies: readonly Policy[],
  ctx: FilterContext,
): { policy: Policy; count: number }[] {
  return policies.map((policy) => ({ policy, count: filterTokens(tokens, policy.query, ctx).length }));
}

/** The grant ids that match at least one policy: a token two policies match counts once. */
export function matchingAnyPolicy(
  tokens: readonly Token[],
  policies: readonly Policy[],
  ctx: FilterContext,
): Set<number> {
  const ids = new Set<number>();
  for (const policy of policies)
    for (const token of filterTokens(tokens, policy.query, ctx)) ids.add(token.grantId);
  return ids;
}
