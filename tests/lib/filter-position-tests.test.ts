// The index's position tests (lib/filter/position-tests.ts) must mean exactly what each term's
// predicate means (lib/filter/evaluate.ts, which filterTokens uses). Every term they answer,
// plain and negated, over seeded tokens plus hand-made edge cases, in every context they read.
import { describe, expect, it } from 'vitest';
import { filterTokens, matchPositions } from '../../lib/filter/evaluate';
import { parseQuery } from '../../lib/filter/parse';
import { normaliseGrant, type Token } from '../../lib/tokens';
import { DOTCOM, grantJson } from '../fake-github/render';
import { generateOrg } from '../fake-github/seed';
import { makeToken, perm } from './token-factory';

const NOW = Date.parse('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

function seeded(grants: number, seed: number): Token[] {
  const org = generateOrg('acme', { grants, seed });
  const account = { login: org.login, id: org.id, type: 'Organization' as const };
  return org.grants.map((g) => normaliseGrant(grantJson(g, account, DOTCOM, org.now)));
}

/** Tokens on the edges the columns must get right. */
function edges(): Token[] {
  return [
    // GitHub says expired although the date is ahead; and one with no date at all.
    makeToken({ tokenName: 'flagged', expired: true, expiresAt: new Date(NOW + 5 * DAY) }),
    makeToken({ tokenName: 'gone by flag', expired: true, expiresAt: null }),
    // Exactly now, and exactly on a day boundary.
    makeToken({ tokenName: 'at now', expiresAt: new Date(NOW), lastUsedAt: new Date(NOW) }),
    makeToken({ tokenName: 'boundary', grantedAt: new Date('2025-03-01T00:00:00Z') }),
    makeToken({ tokenName: 'never used', lastUsedAt: null, expiresAt: null }),
    makeToken({ tokenName: 'no grant time', grantedAt: null as unknown as Date }),
    // One permission twice at two levels, and a name with upper case from an old server.
    makeToken({
      tokenName: 'twice',
      repositorySelection: 'all',
      permissions: [perm('repository', 'contents', 'read'), perm('repository', 'contents', 'write')],
    }),
    makeToken({ tokenName: 'upper', permissions: [perm('repository', 'Contents', 'admin')] }),
    // Words the folding changes: full-width letters, an invisible character, a non-ASCII letter.
    makeToken({ tokenName: 'Ｄｅｐｌｏｙ wide', ownerLogin: 'Renée' }),
    makeToken({ tokenName: 'dep\u200Bloy hidden', repositorySelection: 'none', permissions: [] }),
    makeToken({ tokenName: 'café bot', ownerLogin: 'x' }),
  ];
}

const QUERIES = [
  'expires:never',
  'expires:<7d',
  'expires:>2026-03-01',
  'expires:<=2026-03-01',
  'used:never',
  'used:>90d',
  'used:<7d',
  'used:2026-03-01',
  'granted:>1y',
  'granted:<2025-03-01',
  'granted:>=2025-03-01',
  'is:expired',
  'is:active',
  'is:selected',
  'is:new',
  'is:changed',
  'risk:high',
  'risk:medium',
  'risk:low',
  'access:all',
  'access:selected',
  'access:none',
  'perm:contents',
  'perm:contents:write',
  'perm:contents:admin',
  'perm:secrets:write',
  'owner:renée',
  'owner:x',
  'e',
  'd',
  'deploy',
  'ploy',
  'é',
  'caf',
  'name:d',
  'name:x',
  'name:"local dev"',
  'zzqq',
];

describe('position tests mean what the predicates mean', () => {
  const list = [...seeded(600, 7), ...edges()];
  const pick = (k: number) => new Set(list.filter((_, i) => i % k === 0).map((t) => t.grantId));
  const ctx = {
    now: NOW,
    selected: pick(3),
    repositories: new Map(),
    org: 'acme',
    changes: { new: pick(5), changed: pick(7), gone: new Set<number>() },
  };
  const same = (query: string) => {
    const parsed = parseQuery(query);
    expect(parsed.errors).toEqual([]);
    const expected = filterTokens(list, parsed, ctx).map((t) => t.grantId);
    expect(
      Array.from(matchPositions(list, parsed, ctx), (p) => list[p]?.grantId),
      query,
    ).toEqual(expected);
    return expected.length;
  };

  it('for each term, plain and negated', () => {
    let matched = 0;
    for (const query of QUERIES) {
      matched += same(query);
      same(`-${query}`);
    }
    // The queries are not all empty: the comparison has something to compare.
    expect(matched).toBeGreaterThan(list.length);
  });

  it('for terms combined, with owners as one OR group', () => {
    const owners = [...new Set(list.slice(0, 40).map((t) => t.ownerLogin))];
    same(`owner:${owners[0]} owner:${owners[1]} -risk:low`);
    same(`owner:${owners[2]} -owner:${owners[3]} used:>30d e`);
    same('perm:contents:write -access:all -is:selected expires:<90d');
    same('d e -p is:active risk:medium');
  });

  it('when only a few positions are checked (a narrowed query compares per token)', () => {
    // An owner with a few tokens (not one: the filter then has something to compare).
    const counts = new Map<string, number>();
    for (const t of list) counts.set(t.ownerLogin, (counts.get(t.ownerLogin) ?? 0) + 1);
    const owner = [...counts].find(([, k]) => k > 3 && k < list.length / 32)?.[0];
    const parsed = parseQuery(`owner:${owner} e -d`);
    const within = matchPositions(list, parseQuery(`owner:${owner}`), ctx);
    expect(within.length).toBeGreaterThan(0);
    expect(within.length).toBeLessThan(list.length / 32);
    const expected = filterTokens(list, parsed, ctx).map((t) => t.grantId);
    expect(Array.from(matchPositions(list, parsed, ctx, within), (p) => list[p]?.grantId)).toEqual(expected);
  });
});
