import { describe, expect, it, vi } from 'vitest';
import {
  compileQuery,
  type FilterContext,
  filterTokens,
  indexTokens,
  queryNeedsRepositories,
} from '../../lib/filter/evaluate';
import { parseQuery } from '../../lib/filter/parse';
import type { Token } from '../../lib/tokens';
import { makeToken, perm } from './token-factory';

const DAY = 86_400_000;
const NOW = Date.parse('2025-06-01T12:00:00Z');
const at = (iso: string): Date => new Date(iso);
const ago = (ms: number): Date => new Date(NOW - ms);
const ahead = (ms: number): Date => new Date(NOW + ms);

function ctx(overrides: Partial<FilterContext> = {}): FilterContext {
  return { now: NOW, selected: new Set(), repositories: new Map(), org: 'Acme', ...overrides };
}

function matches(query: string, token: Token, context: FilterContext = ctx()): boolean {
  const parsed = parseQuery(query);
  expect(parsed.errors).toEqual([]);
  return compileQuery(parsed, context)(token);
}

describe('compileQuery basics', () => {
  it('matches everything with an empty query', () => {
    const tokens = [makeToken(), makeToken({ expired: true, expiresAt: null })];
    expect(filterTokens(tokens, '', ctx())).toEqual(tokens);
    expect(filterTokens(tokens, '   ', ctx())).toEqual(tokens);
  });

  it.each([
    'foo:bar',
    'deploy ownr:alice',
    'owner:',
    'is:old',
    'risk:critical',
    'access:public',
    'expires:soon',
    'expires:30d',
    'used:<2025-02-30',
    'granted:never',
    'perm:contents:owner',
    'repo:a/b/c',
    '"unclosed',
    '""',
    'deploy -',
    '-is:old',
  ])('matches nothing when the query has an error: %s', (query) => {
    const tokens = [makeToken({ tokenName: 'deploy' }), makeToken({ ownerLogin: 'alice' })];
    const parsed = parseQuery(query);
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(tokens.some(compileQuery(parsed, ctx()))).toBe(false);
    expect(filterTokens(tokens, query, ctx())).toEqual([]);
    expect(filterTokens(tokens, parsed, ctx())).toEqual([]);
  });

  it('stays correct when the token list is edited in place', () => {
    const list = [makeToken({ tokenName: 'alpha' }), makeToken({ tokenName: 'beta' })];
    expect(filterTokens(list, 'alpha', ctx())).toEqual([list[0]]);
    const gamma = makeToken({ tokenName: 'alpha two' });
    list[1] = gamma;
    list.push(makeToken({ tokenName: 'alpha three' }));
    expect(filterTokens(list, 'alpha', ctx())).toEqual(list);
    list.length = 1;
    expect(filterTokens(list, 'two', ctx())).toEqual([]);
  });

  it('ANDs terms and keeps the input order', () => {
    const a = makeToken({ tokenName: 'deploy-prod', ownerLogin: 'alice' });
    const b = makeToken({ tokenName: 'deploy-stage', ownerLogin: 'bob' });
    const c = makeToken({ tokenName: 'ci', ownerLogin: 'alice' });
    expect(filterTokens([c, b, a], 'deploy', ctx())).toEqual([b, a]);
    expect(filterTokens([c, b, a], 'deploy owner:alice', ctx())).toEqual([a]);
    expect(filterTokens([c, b, a], 'deploy -prod', ctx())).toEqual([b]);
  });
});

describe('text, name and owner', () => {
  const t = makeToken({ tokenName: 'Deploy Bot ‮', ownerLogin: 'Octo-Cat' });

  it.each<[string, boolean]>([
    ['deploy', true],
    ['DEPLOY', true],
    ['loy', true],
    ['"deploy bot"', true],
    ['"bot deploy"', false],
    ['octo', true],
    ['cat', true],
    ['-deploy', false],
    ['-nothing', true],
    ['‮', true],
    ['name:bot', true],
    ['name:octo', false],
    ['-name:octo', true],
    ['name:"Deploy Bot"', true],
    ['owner:octo-cat', true],
    ['owner:OCTO-CAT', true],
    ['owner:octo', false],
    ['-owner:octo-cat', false],
    ['-owner:octo', true],
  ])('%s -> %s', (query, expected) => {
    expect(matches(query, t)).toBe(expected);
  });

  it('ORs repeated owner: terms and ANDs negated ones', () => {
    const alice = makeToken({ ownerLogin: 'alice' });
    const bob = makeToken({ ownerLogin: 'bob' });
    const carol = makeToken({ ownerLogin: 'carol' });
    const all = [alice, bob, carol];
    expect(filterTokens(all, 'owner:alice owner:BOB', ctx())).toEqual([alice, bob]);
    expect(filterTokens(all, 'owner:alice owner:bob -owner:bob', ctx())).toEqual([alice]);
    expect(filterTokens(all, '-owner:alice -owner:bob', ctx())).toEqual([carol]);
    expect(filterTokens(all, 'owner:alice owner:bob risk:high', ctx())).toEqual([]);
  });
});

describe('text matching ignores invisible characters and compatibility forms', () => {
  const lookalikes: [string, string][] = [
    ['a zero-width space', 'dep\u200Bloy'],
    ['a soft hyphen', 'dep\u00ADloy'],
    ['a combining grapheme joiner', 'dep\u034Floy'],
    ['a variation selector', 'dep\uFE0Floy'],
    ['tag characters', 'dep\u{E0064}\u{E0065}loy'],
    ['a Hangul filler', 'dep\u3164loy'],
    ['a half-width Hangul filler', 'dep\uFFA0loy'],
    ['a line separator', 'dep\u2028loy'],
    ['a paragraph separator', 'dep\u2029loy'],
    ['a word joiner', 'dep\u2060loy'],
    ['a right-to-left mark', 'dep\u200Floy'],
    ['a BOM', '\uFEFFdeploy'],
    ['full-width letters', 'ｄｅｐｌｏｙ'],
  ];

  it.each(lookalikes)('name:, bare words and owner: find a name with %s', (_kind, text) => {
    const token = makeToken({ tokenName: `${text} bot`, ownerLogin: text });
    expect(matches('name:deploy', token)).toBe(true);
    expect(matches('deploy', token)).toBe(true);
    expect(matches('-deploy', token)).toBe(false);
    expect(matches('"deploy bot"', token)).toBe(true);
    expect(matches('owner:deploy', token)).toBe(true);
    expect(matches('owner:DEPLOY', token)).toBe(true);
    expect(matches('-owner:deploy', token)).toBe(false);
    expect(matches('owner:deploy owner:someone', token)).toBe(true);
  });

  it('folds the query too: a pasted lookalike finds the plain name', () => {
    const token = makeToken({ tokenName: 'deploy', ownerLogin: 'octocat' });
    expect(matches('name:"dep\u200Bloy"', token)).toBe(true);
    expect(matches('ｄｅｐｌｏｙ', token)).toBe(true);
    expect(matches('owner:ｏｃｔｏｃａｔ', token)).toBe(true);
    expect(matches('owner:octo\u200Bcat', token)).toBe(true);
    expect(matches('name:fix', makeToken({ tokenName: '\uFB01x' }))).toBe(true);
  });

  it('composes what the removal joins, as a typed query is composed', () => {
    expect(matches('name:café', makeToken({ tokenName: 'cafe\u200B\u0301' }))).toBe(true);
    expect(matches('name:café', makeToken({ tokenName: 'cafe\u0301' }))).toBe(true);
  });

  it('keeps owner: exact and name: a substring after folding', () => {
    const token = makeToken({ tokenName: 'x', ownerLogin: 'octo\u200Bcat-2' });
    expect(matches('owner:octocat', token)).toBe(false);
    expect(matches('owner:octocat-2', token)).toBe(true);
    expect(matches('name:y', makeToken({ tokenName: 'x\u200By' }))).toBe(true);
  });

  it('a value made only of invisible characters finds the tokens holding them, not every token', () => {
    const hidden = makeToken({ tokenName: 'ci\u200B' });
    const plain = makeToken({ tokenName: 'ci' });
    expect(filterTokens([hidden, plain], 'name:"\u200B"', ctx())).toEqual([hidden]);
    expect(filterTokens([hidden, plain], '-name:"\u200B"', ctx())).toEqual([plain]);
  });

  it('folds each token once, when it is indexed, not on every keystroke', () => {
    const tokens = Array.from({ length: 200 }, (_, i) =>
      makeToken({ tokenName: `ｄｅｐｌｏｙ ${i}`, ownerLogin: `usér-${i}` }),
    );
    indexTokens(tokens);
    const normalize = vi.spyOn(String.prototype, 'normalize');
    try {
      for (const query of ['d', 'de', 'dep', 'depl', 'deplo', 'deploy', 'deploy 1', 'owner:usér-1'])
        expect(filterTokens(tokens, query, ctx()).length).toBeGreaterThan(0);
      // Only the queries themselves are folded (at most twice each), never the 200 tokens.
      expect(normalize.mock.calls.length).toBeLessThanOrEqual(16);
    } finally {
      normalize.mockRestore();
    }
  });
});

describe('repo:', () => {
  const all = makeToken({ repositorySelection: 'all' });
  const none = makeToken({ repositorySelection: 'none' });
  const subset = makeToken({ repositorySelection: 'subset' });
  const unfetched = makeToken({ repositorySelection: 'subset' });
  const context = ctx({ repositories: new Map([[subset.grantId, ['acme/Website', 'acme/api']]]) });

  it.each<[string, Token, boolean]>([
    ['repo:anything', all, true],
    ['repo:acme/anything', all, true],
    ['repo:ACME/anything', all, true],
    ['repo:other/anything', all, false],
    ['-repo:anything', all, false],
    ['-repo:other/anything', all, true],
    ['repo:website', none, false],
    ['-repo:website', none, true],
    ['repo:website', subset, true],
    ['repo:WEBSITE', subset, true],
    ['repo:acme/website', subset, true],
    ['repo:Acme/Api', subset, true],
    ['repo:web', subset, false],
    ['repo:other/website', subset, false],
    ['-repo:website', subset, false],
    ['-repo:docs', subset, true],
    ['repo:website', unfetched, false],
    ['-repo:website', unfetched, false],
  ])('%s on %s', (query, token, expected) => {
    expect(matches(query, token, context)).toBe(expected);
  });

  it('tells when repository lists are needed', () => {
    expect(queryNeedsRepositories(parseQuery('deploy repo:web'))).toBe(true);
    expect(queryNeedsRepositories(parseQuery('-repo:web'))).toBe(true);
    expect(queryNeedsRepositories(parseQuery('deploy owner:a'))).toBe(false);
    expect(queryNeedsRepositories(parseQuery('repo:web foo:bar'))).toBe(false);
  });
});

describe('perm:', () => {
  const t = makeToken({
    permissions: [
      perm('repository', 'contents', 'write'),
      perm('repository', 'metadata', 'read'),
      perm('organization', 'members', 'Read'),
      perm('organization', 'organization_projects', 'admin'),
      perm('other', 'gists', 'read'),
      perm('repository', 'issues', 'read'),
      perm('organization', 'issues', 'write'),
      perm('repository', 'mystery', 'sideways'),
    ],
  });

  it.each<[string, boolean]>([
    ['perm:contents', true],
    ['perm:contents:read', true],
    ['perm:contents:write', true],
    ['perm:contents:admin', false],
    ['perm:members:read', true],
    ['perm:members:write', false],
    ['perm:organization_projects:admin', true],
    ['perm:organization-projects:write', true],
    ['perm:gists', true],
    ['perm:GISTS:READ', true],
    ['perm:issues:write', true],
    ['perm:secrets', false],
    ['perm:not_a_permission', false],
    ['-perm:not_a_permission', true],
    ['-perm:contents:write', false],
    ['perm:mystery', true],
    ['perm:mystery:read', false],
  ])('%s -> %s', (query, expected) => {
    expect(matches(query, t)).toBe(expected);
  });
});

describe('access:, is:, risk:', () => {
  const all = makeToken({ repositorySelection: 'all' });
  const subset = makeToken({ repositorySelection: 'subset' });
  const none = makeToken({ repositorySelection: 'none' });

  it.each<[string, Token[]]>([
    ['access:all', [all]],
    ['access:selected', [subset]],
    ['access:none', [none]],
    ['-access:all', [subset, none]],
  ])('%s', (query, expected) => {
    expect(filterTokens([all, subset, none], query, ctx())).toEqual(expected);
  });

  it('is:expired holds for the flag or a passed expiry; is:active is the rest', () => {
    const flagged = makeToken({ expired: true, expiresAt: ahead(DAY) });
    const passed = makeToken({ expired: false, expiresAt: ago(1) });
    const exactlyNow = makeToken({ expired: false, expiresAt: new Date(NOW) });
    const flaggedNoExpiry = makeToken({ expired: true, expiresAt: null });
    const live = makeToken({ expiresAt: ahead(1) });
    const forever = makeToken({ expiresAt: null });
    const tokens = [flagged, passed, exactlyNow, flaggedNoExpiry, live, forever];
    expect(filterTokens(tokens, 'is:expired', ctx())).toEqual(tokens.slice(0, 4));
    expect(filterTokens(tokens, 'is:active', ctx())).toEqual([live, forever]);
    expect(filterTokens(tokens, '-is:expired', ctx())).toEqual([live, forever]);
  });

  it('is:selected uses the selected grant ids', () => {
    const a = makeToken();
    const b = makeToken();
    const context = ctx({ selected: new Set([b.grantId]) });
    expect(filterTokens([a, b], 'is:selected', context)).toEqual([b]);
    expect(filterTokens([a, b], '-is:selected', context)).toEqual([a]);
  });

  it('risk: uses the documented levels', () => {
    const high = makeToken({ permissions: [perm('repository', 'secrets', 'write')] });
    const medium = makeToken({ permissions: [perm('repository', 'issues', 'write')] });
    const low = makeToken({ permissions: [perm('repository', 'issues', 'read')] });
    const tokens = [high, medium, low];
    expect(filterTokens(tokens, 'risk:high', ctx())).toEqual([high]);
    expect(filterTokens(tokens, 'risk:medium', ctx())).toEqual([medium]);
    expect(filterTokens(tokens, 'risk:low', ctx())).toEqual([low]);
    expect(filterTokens(tokens, '-risk:low', ctx())).toEqual([high, medium]);
  });
});

describe('expires:', () => {
  const soon = makeToken({ expiresAt: ahead(10 * DAY) });
  const at30 = makeToken({ expiresAt: ahead(30 * DAY) });
  const later = makeToken({ expiresAt: ahead(400 * DAY) });
  const gone = makeToken({ expiresAt: ago(5 * DAY), expired: true });
  const forever = makeToken({ expiresAt: null });
  const tokens = [soon, at30, later, gone, forever];

  it.each<[string, Token[]]>([
    ['expires:<30d', [soon, gone]],
    ['expires:<=30d', [soon, at30, gone]],
    ['expires:>30d', [later]],
    ['expires:>=30d', [at30, later]],
    ['expires:<1y', [soon, at30, gone]],
    ['expires:>1y', [later]],
    ['expires:<2w', [soon, gone]],
    ['expires:<1m', [soon, gone]],
    ['expires:<=1m', [soon, at30, gone]],
    ['expires:<30d is:active', [soon]],
    ['expires:never', [forever]],
    ['-expires:never', [soon, at30, later, gone]],
    ['-expires:<30d', [at30, later, forever]],
    ['expires:>2025-01-01', [soon, at30, later, gone]],
    ['expires:<2100-01-01', [soon, at30, later, gone]],
  ])('%s', (query, expected) => {
    expect(filterTokens(tokens, query, ctx())).toEqual(expected);
  });
});

describe('absolute dates are whole UTC days', () => {
  // 2025-03-04T23:30:00-02:00 is 2025-03-05T01:30:00Z: the UTC day is the 5th.
  const offset = makeToken({ expiresAt: at('2025-03-04T23:30:00-02:00') });
  const dayStart = makeToken({ expiresAt: at('2025-03-05T00:00:00Z') });
  const dayLast = makeToken({ expiresAt: at('2025-03-05T23:59:59.999Z') });
  const nextDay = makeToken({ expiresAt: at('2025-03-06T00:00:00Z') });
  const dayBefore = makeToken({ expiresAt: at('2025-03-04T23:59:59.999+00:00') });
  const tokens = [offset, dayStart, dayLast, nextDay, dayBefore];

  it.each<[string, Token[]]>([
    ['expires:<2025-03-05', [dayBefore]],
    ['expires:<=2025-03-05', [offset, dayStart, dayLast, dayBefore]],
    ['expires:2025-03-05', [offset, dayStart, dayLast]],
    ['expires:>=2025-03-05', [offset, dayStart, dayLast, nextDay]],
    ['expires:>2025-03-05', [nextDay]],
    ['expires:2025-03-04', [dayBefore]],
    ['expires:>2025-03-04', [offset, dayStart, dayLast, nextDay]],
    ['expires:<2025-03-06', [offset, dayStart, dayLast, dayBefore]],
    ['-expires:2025-03-05', [nextDay, dayBefore]],
  ])('%s', (query, expected) => {
    expect(filterTokens(tokens, query, ctx())).toEqual(expected);
  });

  it('compares instants, not strings, for granted: and used:', () => {
    const t = makeToken({
      grantedAt: at('2025-03-04T23:30:00-02:00'),
      lastUsedAt: at('2025-03-05T01:30:00+05:00'), // 2025-03-04T20:30Z
    });
    expect(matches('granted:2025-03-05', t)).toBe(true);
    expect(matches('granted:<2025-03-05', t)).toBe(false);
    expect(matches('used:2025-03-04', t)).toBe(true);
    expect(matches('used:>2025-03-04', t)).toBe(false);
  });
});

describe('used:', () => {
  const recent = makeToken({ lastUsedAt: ago(2 * DAY) });
  const week = makeToken({ lastUsedAt: ago(7 * DAY) });
  const stale = makeToken({ lastUsedAt: ago(200 * DAY) });
  const never = makeToken({ lastUsedAt: null });
  const tokens = [recent, week, stale, never];

  it.each<[string, Token[]]>([
    ['used:<7d', [recent]],
    ['used:<=7d', [recent, week]],
    ['used:>7d', [stale, never]],
    ['used:>=7d', [week, stale, never]],
    ['used:>90d', [stale, never]],
    ['used:<1y', [recent, week, stale]],
    ['used:never', [never]],
    ['-used:never', [recent, week, stale]],
    ['-used:>90d', [recent, week]],
    ['-used:<7d', [week, stale, never]],
  ])('%s', (query, expected) => {
    expect(filterTokens(tokens, query, ctx())).toEqual(expected);
  });

  const jan1 = makeToken({ lastUsedAt: at('2025-01-01T10:00:00Z') });
  const dec = makeToken({ lastUsedAt: at('2024-12-31T23:59:59Z') });
  const jan2 = makeToken({ lastUsedAt: at('2025-01-02T00:00:00Z') });
  const dated = [jan1, dec, jan2, never];

  it.each<[string, Token[]]>([
    // "not used since": never-used tokens belong
    ['used:<2025-01-01', [dec, never]],
    ['used:<=2025-01-01', [jan1, dec, never]],
    // "used since": they do not
    ['used:>2025-01-01', [jan2]],
    ['used:>=2025-01-01', [jan1, jan2]],
    ['used:2025-01-01', [jan1]],
  ])('%s', (query, expected) => {
    expect(filterTokens(dated, query, ctx())).toEqual(expected);
  });
});

describe('granted:', () => {
  const old = makeToken({ grantedAt: at('2024-06-01T00:00:00Z') });
  const recent = makeToken({ grantedAt: ago(3 * DAY) });
  const exactly30 = makeToken({ grantedAt: ago(30 * DAY) });
  const unknown = makeToken({ grantedAt: null });
  const tokens = [old, recent, exactly30, unknown];

  it.each<[string, Token[]]>([
    ['granted:>30d', [old]],
    ['granted:>=30d', [old, exactly30]],
    ['granted:<30d', [recent]],
    ['granted:<=30d', [recent, exactly30]],
    ['granted:<2025-01-01', [old]],
    ['granted:>2025-01-01', [recent, exactly30]],
    ['granted:2024-06-01', [old]],
    ['-granted:>30d', [recent, exactly30, unknown]],
  ])('%s', (query, expected) => {
    expect(filterTokens(tokens, query, ctx())).toEqual(expected);
  });
});

describe('performance', () => {
  const tokens: Token[] = [];
  for (let i = 0; i < 50_000; i++) {
    tokens.push(
      makeToken({
        tokenName: `service token ${i}`,
        ownerLogin: `user-${i % 977}`,
        repositorySelection: i % 3 === 0 ? 'all' : 'subset',
        permissions: [
          perm('repository', 'contents', i % 2 ? 'read' : 'write'),
          perm('repository', 'metadata', 'read'),
          perm('organization', 'members', 'read'),
        ],
        expiresAt: i % 5 === 0 ? null : ahead((i % 400) * DAY),
        lastUsedAt: i % 7 === 0 ? null : ago((i % 300) * DAY),
      }),
    );
  }
  // Speed is measured by `npm run bench`; here only that the indexed fast path agrees
  // with the plain predicate at scale.
  it('indexes 50,000 tokens without changing any result', () => {
    const before = filterTokens(tokens, 'service', ctx({ repositories: new Map() }));
    indexTokens(tokens);
    expect(filterTokens(tokens, 'service', ctx({ repositories: new Map() }))).toEqual(before);
  });

  it.each([
    'service',
    'token 12 -owner:user-1 perm:contents:write used:>30d expires:<1y risk:medium',
    'is:active access:all perm:members -name:"token 4"',
    'owner:user-1 owner:user-2 expires:<=2026-01-01 -used:never',
  ])('filters 50,000 tokens with the same result as the plain predicate, repeatedly: %s', (query) => {
    const context = ctx({ repositories: new Map() });
    const expected = tokens.filter(compileQuery(parseQuery(query), context));
    expect(expected.length).toBeGreaterThan(0);
    for (let run = 0; run < 3; run++) {
      const result = filterTokens(tokens, query, context);
      expect(result.length === expected.length && result.every((t, i) => t === expected[i])).toBe(true);
    }
  });
});
