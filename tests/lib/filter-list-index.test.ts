// The filter's index by list (lib/filter/list-index.ts): the positions a term can match come
// from it instead of a pass over every token. Candidates must never lose a match: checked word
// by word, and against a plain filter of the fake GitHub's own seeded tokens for every prefix
// of many queries.
import { describe, expect, it } from 'vitest';
import { filterTokens, matchPositions } from '../../lib/filter/evaluate';
import { buildListIndex, candidatePositions, describes, wordPositions } from '../../lib/filter/list-index';
import { parseQuery } from '../../lib/filter/parse';
import { riskOf } from '../../lib/risk';
import { searchFold } from '../../lib/text';
import { normaliseGrant, type Token } from '../../lib/tokens';
import { DOTCOM, grantJson } from '../fake-github/render';
import { generateOrg } from '../fake-github/seed';
import { makeToken, perm } from './token-factory';

const fold = (t: Token) => ({
  name: searchFold(t.tokenName),
  login: searchFold(t.ownerLogin),
  risk: riskOf(t, 0),
});
const ctx = {
  now: Date.parse('2026-03-01T00:00:00Z'),
  selected: new Set<number>(),
  repositories: new Map(),
  org: 'acme',
};

describe('wordPositions', () => {
  const list = [
    makeToken({ tokenName: 'ab', ownerLogin: 'cd' }),
    makeToken({ tokenName: 'deploy', ownerLogin: 'abby' }),
    makeToken({ tokenName: 'Ａｂ ci', ownerLogin: 'zed' }),
  ];
  const index = buildListIndex(list, fold);

  it('finds a word in names and logins, once per token, in list order', () => {
    expect([...wordPositions(index, 'ab', false)]).toEqual([0, 1, 2]);
    expect([...wordPositions(index, 'd', false)]).toEqual([0, 1, 2]);
  });

  it('with name: only, skips a token whose hit is in its login', () => {
    expect([...wordPositions(index, 'ab', true)]).toEqual([0, 2]);
    expect([...wordPositions(index, 'cd', true)]).toEqual([]);
  });

  it('never matches across a name and its login, or across two tokens', () => {
    expect([...wordPositions(index, 'bc', false)]).toEqual([]);
    expect([...wordPositions(index, 'dde', false)]).toEqual([]);
  });
});

describe('candidatePositions', () => {
  const list = [
    makeToken({ ownerLogin: 'alice', permissions: [perm('repository', 'contents', 'write')] }),
    makeToken({ ownerLogin: 'Bob', repositorySelection: 'subset' }),
    makeToken({ ownerLogin: 'alice', repositorySelection: 'none' }),
  ];
  const index = buildListIndex(list, fold);
  const candidates = (q: string) => {
    const found = candidatePositions(index, parseQuery(q), searchFold);
    return found ? Array.from(found.positions) : null;
  };
  const answers = (q: string) =>
    candidatePositions(index, parseQuery(q), searchFold)?.answers.map((t) => q.slice(t.start, t.end));

  it('takes the fewest positions of the terms an index answers', () => {
    expect(candidates('owner:alice')).toEqual([0, 2]);
    expect(candidates('owner:alice owner:BOB')).toEqual([0, 1, 2]);
    expect(candidates('owner:alice access:none')).toEqual([2]);
    expect(candidates('perm:contents:admin')).toEqual([0]);
  });

  it('names the terms its positions answer exactly, which need no test', () => {
    expect(answers('owner:alice owner:BOB risk:high')).toEqual(['owner:alice', 'owner:BOB']);
    expect(answers('access:none perm:contents')).toEqual(['access:none']);
    expect(answers('perm:contents')).toEqual(['perm:contents']);
    // A level is checked per token: the list holds every level.
    expect(answers('perm:contents:admin')).toEqual([]);
  });

  it('gives none for terms it cannot answer, negated ones included', () => {
    expect(candidates('-owner:alice')).toBeNull();
    expect(candidates('used:>90d risk:high')).toBeNull();
  });
});

function seeded(grants: number, seed: number): Token[] {
  const org = generateOrg('acme', { grants, seed });
  const account = { login: org.login, id: org.id, type: 'Organization' as const };
  return org.grants.map((g) => normaliseGrant(grantJson(g, account, DOTCOM, org.now)));
}

describe('matchPositions with the index', () => {
  it('finds exactly what a plain filter finds, at every prefix of many queries', () => {
    const list = seeded(1500, 41);
    const owner = list[0]?.ownerLogin ?? '';
    const queries = [
      'deploy',
      'ci bot',
      `owner:${owner}`,
      `owner:${owner} owner:nobody-here terraform`,
      'perm:contents:write access:all',
      'name:"local dev"',
      '-perm:contents risk:low',
      `${owner.slice(0, 3)} perm:secrets`,
      '-access:none ci',
    ];
    let checked = 0;
    for (const query of queries) {
      for (let i = 1; i <= query.length; i++) {
        const parsed = parseQuery(query.slice(0, i));
        const expected = filterTokens(list, parsed, ctx).map((t) => t.grantId);
        expect(Array.from(matchPositions(list, parsed, ctx), (p) => list[p]?.grantId)).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('keeps a frozen list as its own record, with no copy to compare each keystroke', () => {
    const list = Object.freeze([makeToken({ tokenName: 'alpha' }), makeToken({ tokenName: 'beta' })]);
    const index = buildListIndex(list, fold);
    expect(index.tokens).toBe(list);
    expect(describes(index, list)).toBe(true);
    // Another list with the same tokens is compared token by token.
    expect(describes(index, [...list])).toBe(true);
    const copy = [...list];
    copy[1] = makeToken({ tokenName: 'gamma' });
    expect(describes(index, copy)).toBe(false);
  });

  it('notices a token replaced in place', () => {
    const list = [makeToken({ tokenName: 'alpha' }), makeToken({ tokenName: 'beta' })];
    const q = parseQuery('gamma');
    expect([...matchPositions(list, q, ctx)]).toEqual([]);
    list[1] = makeToken({ tokenName: 'gamma' });
    expect([...matchPositions(list, q, ctx)]).toEqual([1]);
  });
});
