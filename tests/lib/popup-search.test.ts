import { describe, expect, it } from 'vitest';
import { fullIndex, haystackAt, listOf } from '../../lib/popup-index';
import {
  createSearchIndex,
  highlightParts,
  type OrgTokens,
  search,
  splitQuery,
} from '../../lib/popup-search';
import type { Token } from '../../lib/tokens';
import { makeToken, perm } from './token-factory';

const NOW = Date.parse('2025-06-01T12:00:00Z');

const alice = (name: string, extra: Partial<Token> = {}) =>
  makeToken({ tokenName: name, ownerLogin: 'alice', ...extra });
const bob = (name: string, extra: Partial<Token> = {}) =>
  makeToken({ tokenName: name, ownerLogin: 'bob', ...extra });
const write = [perm('repository', 'contents', 'write')];

function fixture(): OrgTokens[] {
  return [
    {
      org: 'acme',
      tokens: [
        alice('ci-runner', { permissions: write }),
        alice('dependency-bot', { permissions: write }),
        bob('deploy-prod', { permissions: write }),
        alice('docs-sync'),
      ],
    },
    {
      org: 'globex',
      tokens: [
        alice('deploy-staging', { permissions: write }),
        bob('ci-cache', { repositorySelection: 'all' }),
      ],
    },
  ];
}

const names = (query: string, limit = 50) =>
  search(createSearchIndex(fixture()), query, NOW, limit).hits.map(
    (hit) => `${hit.org}/${hit.token.tokenName}`,
  );

describe('createSearchIndex', () => {
  it('builds one "name owner org" haystack entry per token, in cache order', () => {
    const index = createSearchIndex(fixture());
    expect(fullIndex(index).haystack).toHaveLength(6);
    expect(haystackAt(index, 0)).toBe('ci-runner alice acme');
    expect(haystackAt(index, 5)).toBe('ci-cache bob globex');
    expect(index.orgs[index.orgOf[4] as number]).toBe('globex');
  });

  it("gives each org's list frozen, so the filter's index of it needs no check per keystroke", () => {
    const index = createSearchIndex(fixture());
    const list = listOf(index, 0);
    expect(Object.isFrozen(list)).toBe(true);
    expect(listOf(index, 0)).toBe(list);
  });
});

describe('fuzzy ranking', () => {
  it('ranks contiguous prefix matches above scattered ones', () => {
    const hits = names('deploy');
    expect(hits.slice(0, 2).sort()).toEqual(['acme/deploy-prod', 'globex/deploy-staging']);
    expect(hits).not.toContain('acme/docs-sync');
  });

  it('tolerates a typo and finds words out of order', () => {
    expect(names('dpeloy')).toContain('acme/deploy-prod');
    expect(names('prod deploy')).toEqual(['acme/deploy-prod']);
  });

  it('matches owner and org names too, and ignores case', () => {
    // Equal scores fall back to natural order of the whole entry.
    expect(names('GLOBEX')).toEqual(['globex/ci-cache', 'globex/deploy-staging']);
    expect(names('bob ci')).toEqual(['globex/ci-cache']);
  });

  it('returns nothing for a blank query or one that matches nothing', () => {
    expect(names('')).toEqual([]);
    expect(names('zzzz')).toEqual([]);
  });
});

describe('qualifiers', () => {
  it('splits qualifiers (and negated words) from the free text', () => {
    const { filter, text } = splitQuery('owner:alice deploy -bot perm:contents:write "two words"');
    expect(filter.terms.map((t) => t.type)).toEqual(['owner', 'text', 'perm']);
    expect(text).toBe('deploy "two words"');
  });

  it('combines owner: and perm: with fuzzy text', () => {
    expect(names('owner:alice perm:contents:write')).toEqual([
      'acme/ci-runner',
      'acme/dependency-bot',
      'globex/deploy-staging',
    ]);
    expect(names('owner:alice perm:contents:write depl')).toEqual(['globex/deploy-staging']);
    expect(names('-owner:alice ci')).toEqual(['globex/ci-cache']);
  });

  it('excludes negated bare words exactly', () => {
    expect(names('owner:alice -dep')).toEqual(['acme/ci-runner', 'acme/docs-sync']);
  });

  it('evaluates repo: against each token’s own org; subset tokens cannot match without their lists', () => {
    expect(names('repo:globex/site')).toEqual(['globex/ci-cache']);
    expect(names('repo:acme/site')).toEqual([]);
  });

  it('reports query errors and matches nothing', () => {
    const result = search(createSearchIndex(fixture()), 'colour:red deploy', NOW, 50);
    expect(result.hits).toEqual([]);
    expect(result.errors[0]?.message).toMatch(/colour/);
  });
});

describe('highlight ranges', () => {
  it('maps haystack ranges to each field', () => {
    const [hit] = search(createSearchIndex(fixture()), 'deploy-p', NOW, 50).hits;
    expect(hit?.token.tokenName).toBe('deploy-prod');
    expect(highlightParts('deploy-prod', hit?.ranges.name ?? [])).toEqual([
      { text: 'deploy', matched: true },
      { text: '-', matched: false },
      { text: 'p', matched: true },
      { text: 'rod', matched: false },
    ]);
    expect(hit?.ranges.owner).toEqual([]);
  });

  it('offsets ranges into the owner and org fields', () => {
    const hit = search(createSearchIndex(fixture()), 'globex', NOW, 50).hits[0];
    expect(hit?.ranges).toEqual({ name: [], owner: [], org: [0, 6] });
    // Qualifiers are not highlighted: only the fuzzy text is.
    const owner = search(createSearchIndex(fixture()), 'owner:bob ci', NOW, 50).hits[0];
    expect(owner?.ranges).toEqual({ name: [0, 2], owner: [], org: [] });
    const byLogin = search(createSearchIndex(fixture()), 'alic', NOW, 50).hits[0];
    expect(byLogin?.ranges.owner).toEqual([0, 4]);
  });

  it('leaves unhighlighted text whole', () => {
    expect(highlightParts('plain', [])).toEqual([{ text: 'plain', matched: false }]);
  });
});

describe('invisible characters and compatibility forms', () => {
  const hostile = (): OrgTokens[] => [
    {
      org: 'acme',
      tokens: [
        alice('dep\u200Bloy-prod'),
        makeToken({ tokenName: 'ｄｅｐｌｏｙ-staging', ownerLogin: 'mal\u{E0041}lory' }),
        bob('unrelated'),
      ],
    },
  ];

  it('finds names and owners with hidden characters or full-width letters by their plain text', () => {
    const index = createSearchIndex(hostile());
    const found = (q: string) => search(index, q, NOW, 50).hits.map((hit) => hit.token.tokenName);
    expect(found('deploy')).toEqual(expect.arrayContaining(['dep\u200Bloy-prod', 'ｄｅｐｌｏｙ-staging']));
    expect(found('deploy')).toHaveLength(2);
    expect(found('mallory')).toEqual(['ｄｅｐｌｏｙ-staging']);
    expect(found('owner:mallory')).toEqual(['ｄｅｐｌｏｙ-staging']);
    expect(found('name:deploy-prod')).toEqual(['dep\u200Bloy-prod']);
    expect(found('ｄｅｐｌｏｙ prod')).toEqual(['dep\u200Bloy-prod']);
  });

  it('highlights the original characters, hidden ones inside the match included', () => {
    const index = createSearchIndex(hostile());
    const hit = search(index, 'deploy', NOW, 50).hits.find((h) => h.token.ownerLogin === 'alice');
    expect(highlightParts('dep\u200Bloy-prod', hit?.ranges.name ?? [])).toEqual([
      { text: 'dep\u200Bloy', matched: true },
      { text: '-prod', matched: false },
    ]);
    const wide = search(index, 'staging mallory', NOW, 50).hits[0];
    expect(highlightParts('ｄｅｐｌｏｙ-staging', wide?.ranges.name ?? [])).toEqual([
      { text: 'ｄｅｐｌｏｙ-', matched: false },
      { text: 'staging', matched: true },
    ]);
    expect(highlightParts('mal\u{E0041}lory', wide?.ranges.owner ?? [])).toEqual([
      { text: 'mal\u{E0041}lory', matched: true },
    ]);
  });
});

describe('limit', () => {
  const many = (n: number): OrgTokens[] => [
    {
      org: 'big',
      tokens: Array.from({ length: n }, (_, i) => makeToken({ tokenName: `bot-${i}`, ownerLogin: 'svc' })),
    },
  ];

  it('returns at most `limit` hits and counts the rest', () => {
    const result = search(createSearchIndex(many(120)), 'bot', NOW, 10);
    expect(result.hits).toHaveLength(10);
    expect(result.total).toBe(120);
    const qualifierOnly = search(createSearchIndex(many(120)), 'owner:svc', NOW, 5);
    expect(qualifierOnly.hits.map((h) => h.token.tokenName)).toEqual([
      'bot-0',
      'bot-1',
      'bot-2',
      'bot-3',
      'bot-4',
    ]);
    expect(qualifierOnly.total).toBe(120);
  });

  it('still ranks and highlights the shown slice past the ranking threshold', () => {
    const result = search(createSearchIndex(many(3000)), 'bot', NOW, 50);
    expect(result.total).toBe(3000);
    expect(result.hits).toHaveLength(50);
    expect(result.hits.every((hit) => hit.ranges.name[0] === 0 && hit.ranges.name[1] === 3)).toBe(true);
  });

  // Latency is measured by `npm run bench`; here, that a 10,000-token index answers each
  // keystroke of a typed query with capped, non-empty results.
  it('answers every keystroke over 10,000 tokens with at most the limit', () => {
    const index = createSearchIndex(many(10_000));
    for (const query of ['b', 'bo', 'bot', 'bot-9', 'bot 99']) {
      const result = search(index, query, NOW, 50);
      expect(result.hits.length).toBeGreaterThan(0);
      expect(result.hits.length).toBeLessThanOrEqual(50);
      expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
    }
  });
});
