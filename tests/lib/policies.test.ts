// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES as CLI_DEFAULTS } from '../../lib/cli/summary';
import {
  DEFAULT_POLICIES,
  matchingAnyPolicy,
  policyCounts,
  policyProblem,
  policyQueryProblem,
  validPolicies,
} from '../../lib/policies';
import { summaryCounts } from '../../lib/summary';
import { makeToken, perm } from './token-factory';

const DAY = 86_400_000;
const NOW = Date.parse('2025-06-01T12:00:00Z');
const ctx = { now: NOW, selected: new Set<number>(), repositories: new Map(), org: 'acme' };

describe('policy validation', () => {
  it('gives the filter parser’s own message for a bad query, as typed', () => {
    expect(policyQueryProblem('risk:hihg')).toBe('risk: takes high, medium or low');
    expect(policyQueryProblem('expiry:<30d')).toBe('Unknown qualifier "expiry:". Did you mean "expires:"?');
    expect(policyQueryProblem('owner:a,b')).toMatch(/repeat|owner:a owner:b/);
    expect(policyQueryProblem('risk:high used:>90d')).toBeNull();
  });

  it('refuses an empty or duplicate name, an empty query and page-only qualifiers', () => {
    expect(policyProblem({ name: '', query: 'risk:high' }, [])).toMatch(/name/);
    expect(policyProblem({ name: 'never EXPIRES', query: 'risk:high' }, DEFAULT_POLICIES)).toMatch(/exists/);
    expect(policyProblem({ name: 'Admins', query: '  ' }, [])).toMatch(/query/);
    expect(policyProblem({ name: 'Mine', query: 'is:selected' }, [])).toMatch(/is:selected/);
    expect(policyProblem({ name: 'Why', query: 'reason:x' }, [])).toMatch(/pending requests/);
    expect(policyProblem({ name: 'Admins', query: 'perm:members:write' }, DEFAULT_POLICIES)).toBeNull();
  });

  it('keeps the valid policies of a damaged store, and the defaults when there is none', () => {
    expect(validPolicies(undefined)).toEqual(DEFAULT_POLICIES);
    const stored = [
      { name: 'A', query: 'risk:high' },
      { name: 'a', query: 'risk:low' },
      { name: 'Bad', query: 'risk:x' },
      { name: 3, query: 'risk:low' },
      null,
      { name: ' B ', query: ' expires:never ' },
    ];
    expect(validPolicies(stored)).toEqual([
      { name: 'A', query: 'risk:high' },
      { name: 'B', query: 'expires:never' },
    ]);
  });

  it('is the one definition the CLI uses too', () => {
    expect(CLI_DEFAULTS).toBe(DEFAULT_POLICIES);
    expect(DEFAULT_POLICIES.map((p) => p.name)).toEqual([
      'Stale high risk',
      'Never expires',
      'Unused 180 days',
    ]);
  });
});

describe('policy counts', () => {
  const staleAdmin = makeToken({
    permissions: [perm('organization', 'members', 'write')],
    lastUsedAt: new Date(NOW - 200 * DAY),
  });
  const forever = makeToken({ expiresAt: null });
  const foreverStale = makeToken({ expiresAt: null, lastUsedAt: null });
  const fresh = makeToken({ lastUsedAt: new Date(NOW - DAY) });
  const tokens = [staleAdmin, forever, foreverStale, fresh];

  it('counts each default policy over the list', () => {
    const counts = policyCounts(tokens, DEFAULT_POLICIES, ctx).map((c) => [c.policy.name, c.count]);
    expect(counts).toEqual([
      ['Stale high risk', 1],
      ['Never expires', 2],
      ['Unused 180 days', 2],
    ]);
  });

  it('counts a token that several policies match once', () => {
    expect(matchingAnyPolicy(tokens, DEFAULT_POLICIES, ctx)).toEqual(
      new Set([staleAdmin.grantId, forever.grantId, foreverStale.grantId]),
    );
    expect(matchingAnyPolicy(tokens, [], ctx).size).toBe(0);
  });

  it('adds one summary button per policy after the presets', () => {
    const counts = summaryCounts(tokens, 'acme', NOW, [
      { label: 'Stale high risk', query: 'risk:high used:>90d' },
    ]);
    expect(counts.at(-1)).toEqual({ label: 'Stale high risk', query: 'risk:high used:>90d', count: 1 });
  });
});
