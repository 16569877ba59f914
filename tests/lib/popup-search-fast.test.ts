// What makes the popup's search fast at 50,000 tokens must not change a single result: the
// letter prefilter (lib/popup-prefilter.ts), qualifiers narrowed from the last keystroke's,
// and tokens built only when needed (lib/popup-index.ts). Each is compared with the plain
// search over the fake GitHub's seeded data, typed one character at a time.

import { describe, expect, it } from 'vitest';
import { distinct } from '../../lib/distinct';
import { filterTokens } from '../../lib/filter/evaluate';
import { fullIndex } from '../../lib/popup-index';
import { maskOf, mayMatch, requirement } from '../../lib/popup-prefilter';
import {
  createSearchIndex,
  type OrgRows,
  type OrgTokens,
  type SearchIndex,
  type SearchOutcome,
  search,
  splitQuery,
} from '../../lib/popup-search';
import { normaliseGrant, type Token } from '../../lib/tokens';
import { DOTCOM, grantJson } from '../fake-github/render';
import { generateOrg } from '../fake-github/seed';

function seeded(login: string, grants: number, seed: number): OrgTokens {
  const org = generateOrg(login, { grants, seed });
  const account = { login: org.login, id: org.id, type: 'Organization' as const };
  return {
    org: login,
    tokens: org.grants.map((g) => normaliseGrant(grantJson(g, account, DOTCOM, org.now))),
  };
}

const ORGS = [seeded('acme', 200, 7), seeded('globex', 100, 8)];
const NOW = Date.parse('2026-06-01T12:00:00Z');
const TOP_OWNER = ORGS[0]?.tokens[0]?.ownerLogin ?? 'nobody';

const QUERIES = [
  'deploy',
  'alex',
  'ci prod',
  'terrafrm',
  'acme',
  'local dev',
  'gh cli 2025',
  'vault',
  'risk:high deploy',
  `owner:${TOP_OWNER}`,
  `owner:${TOP_OWNER} dep`,
  'used:>90d backup',
  'expires:<30d release',
  'perm:contents:write ci',
  'renovate bot',
  'package publish',
  'security scan',
  'jonas-',
  'dploy',
  'deplyo',
  'globex deploy',
  'DeployProd',
  'ſecurity', // U+017F folds to "s"
  '\u212Aey', // the Kelvin sign folds to "k"
  "o'brien",
  '"deploy"',
  'name:deploy prod',
  '-name:deploy ci',
  'risk:high risk:low',
  // Terms in other fields and orders than the haystack's: name, owner and org in turn.
  `${TOP_OWNER} deploy`,
  'acme ci prod',
  'globex alex ci',
  'deploy globex',
  'ci prod staging sync',
];

const prefixes = (q: string) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1));

/** What the popup shows: each hit's org, grant, highlight ranges, in order; the total; errors. */
const shown = (outcome: SearchOutcome) => ({
  hits: outcome.hits.map((hit) => [hit.org, hit.token.grantId, hit.ranges]),
  total: outcome.total,
  errors: outcome.errors.map((e) => e.message),
});

/** The search without its shortcuts: every haystack passes the prefilter, nothing to narrow from. */
const PLAIN = createSearchIndex(ORGS);
PLAIN.fields = false;
fullIndex(PLAIN).masks.fill(0xffffffff);
function plain(query: string): SearchOutcome {
  PLAIN.last = null;
  return search(PLAIN, query, NOW, 50);
}

describe('the letter prefilter', () => {
  it('lets through exactly what a haystack may match, never less', () => {
    const need = requirement(['deploy']);
    // Five of "deploy"'s six letters: one substitution or omission away.
    expect(need && mayMatch(maskOf('deplxy alex acme'), 0, need)).toBe(true);
    expect(need && mayMatch(maskOf('dexxoy bob acme'), 0, need)).toBe(false);
    // One or two letters match exactly: their pair too.
    const short = requirement(['ci']);
    expect(short && mayMatch(maskOf('ci-sync bob acme'), 0, short)).toBe(true);
    expect(short && mayMatch(maskOf('runner bob acme'), 0, short)).toBe(false);
    // Non-ASCII haystacks may match through Unicode case folding: never skipped.
    expect(need && mayMatch(maskOf('ｄｅｐｌｏｙ mallory acme'), 0, need)).toBe(true);
    expect(requirement(["o'brien", '"exact"'])).toBeNull();
    // One typo breaks at most three of a long run's adjacent pairs: "terrafrm" keeps four of seven.
    const long = requirement(['terrafrm']);
    expect(long && mayMatch(maskOf('terraform-ci maya acme'), 0, long)).toBe(true);
    expect(long && mayMatch(maskOf('tfr-ream maya acme'), 0, long)).toBe(false);
    // Digit runs match exactly: each adjacent pair must be there.
    const year = requirement(['2025']);
    expect(year && mayMatch(maskOf('gh cli 2025 bob acme'), 0, year)).toBe(true);
    expect(year && mayMatch(maskOf('gh cli 2502 bob acme'), 0, year)).toBe(false);
  });

  it('gives every keystroke the results of the plain search', () => {
    const index = createSearchIndex(ORGS);
    // Qualifiers only pick which haystacks the text is matched in: the text queries suffice,
    // each keystroke of the first few (short runs are exact, runs of five allow a typo).
    const text = QUERIES.filter((q) => !q.includes(':'));
    for (const typed of [...text.slice(0, 5).flatMap(prefixes), ...text.slice(5)]) {
      index.last = null;
      expect(shown(search(index, typed, NOW, 50)), typed).toEqual(shown(plain(typed)));
    }
  });
});

describe('matching each distinct name and owner once', () => {
  it('finds what uFuzzy finds over whole haystacks, at every keystroke, without building them', () => {
    const index = createSearchIndex(ORGS);
    // The other text queries are typed in the prefilter's test above, on the same path.
    const text = QUERIES.filter((q) => !q.includes(':')).slice(-6);
    for (const typed of text.flatMap(prefixes))
      expect(shown(search(index, typed, NOW, 50)), typed).toEqual(shown(plain(typed)));
    // Four terms, quotes, contractions and negations went to the plain search; nothing else did.
    const fresh = createSearchIndex(ORGS);
    for (const typed of ['deploy', 'ci prod', `${TOP_OWNER} deploy`, 'acme ci prod'])
      search(fresh, typed, NOW, 50);
    expect(fresh.full).toBeNull();
  });
});

describe('ASCII patterns where they decide, Unicode ones where they do not', () => {
  it('matches letters beyond ASCII as the Unicode patterns do, and ranks them the same', () => {
    const names = ['dëploy', 'deploy – keep', '🚀 deploy', 'dеploy', 'deploy', 'ci ключ', 'deplyo ałex'];
    const orgs: OrgTokens[] = [
      {
        org: 'acme',
        tokens: names.map((tokenName, i) => ({
          ...(ORGS[0]?.tokens[i] as Token),
          tokenName,
          ownerLogin: 'ałex',
        })),
      },
    ];
    const reference = createSearchIndex(orgs);
    reference.fields = false;
    const index = createSearchIndex(orgs);
    for (const query of ['deploy', 'alex', 'deploy alex', 'ci kl', 'ci ключ']) {
      for (const typed of prefixes(query)) {
        reference.last = null;
        expect(shown(search(index, typed, NOW, 50)), typed).toEqual(shown(search(reference, typed, NOW, 50)));
      }
    }
    // A substituted letter beyond ASCII: only the Unicode patterns match it.
    const found = search(index, 'deploy', NOW, 50).hits.map((hit) => hit.token.tokenName);
    expect(found).toContain('dëploy');
    expect(found).toContain('deploy – keep');
  });
});

describe('qualifiers by position in each org’s list', () => {
  it('keep what lib/filter keeps of each org’s tokens, in cache order', () => {
    const index = createSearchIndex(ORGS);
    for (const query of [
      ...QUERIES.filter((q) => q.includes(':')),
      'access:all -perm:metadata',
      'owner:nobody',
    ]) {
      const { filter } = splitQuery(query);
      if (filter.errors.length > 0 || splitQuery(query).text !== '') continue;
      const expected = ORGS.flatMap(({ org, tokens }) =>
        filterTokens(tokens, filter, { now: NOW, selected: new Set(), repositories: new Map(), org }).map(
          (token) => token.grantId,
        ),
      );
      const outcome = search(index, query, NOW, 1_000);
      expect(outcome.total, query).toBe(expected.length);
      expect(
        outcome.hits.map((hit) => hit.token.grantId),
        query,
      ).toEqual(expected);
    }
  });
});

describe('narrowing the qualifiers from the last keystroke', () => {
  it('types, deletes and retypes queries with the plain search’s results at every step', () => {
    const index = createSearchIndex(ORGS);
    const steps: string[] = [];
    for (const query of QUERIES) {
      steps.push(...prefixes(query));
      // Backspacing widens the qualifiers again: it must not narrow from the longer query.
      steps.push(...prefixes(query).reverse().slice(1, 3));
    }
    steps.push(`owner:${TOP_OWNER}`, `owner:${TOP_OWNER} owner:${ORGS[1]?.tokens[0]?.ownerLogin}`);
    for (const typed of steps)
      expect(shown(search(index, typed, NOW, 50)), typed).toEqual(shown(plain(typed)));
  });
});

describe('tokens built on demand', () => {
  function counted(group: OrgTokens): { rows: OrgRows; built: Set<number> } {
    const built = new Set<number>();
    const rows: OrgRows = {
      org: group.org,
      names: distinct(group.tokens.map((t) => t.tokenName)),
      logins: distinct(group.tokens.map((t) => t.ownerLogin)),
      token: (i) => {
        built.add(i);
        return group.tokens[i] as Token;
      },
    };
    return { rows, built };
  }

  it('builds only the shown tokens for a text search, every one for a qualifier, with the same results', () => {
    const acme = counted(ORGS[0] as OrgTokens);
    const globex = counted(ORGS[1] as OrgTokens);
    const index: SearchIndex = createSearchIndex([acme.rows, globex.rows]);
    const text = search(index, 'deploy', NOW, 50);
    expect(shown(text)).toEqual(shown(plain('deploy')));
    expect(text.total).toBeGreaterThan(50);
    expect(acme.built.size + globex.built.size).toBe(50);
    const qualified = search(index, 'risk:high', NOW, 50);
    expect(shown(qualified)).toEqual(shown(plain('risk:high')));
    expect(acme.built.size + globex.built.size).toBe(300);
  });
});
