// @vitest-environment node
// lib/filter/grams.ts: a word's candidates must hold every token that contains it (never
// lose a match), and for one ASCII character or pair they are exactly those tokens.
import { describe, expect, it } from 'vitest';
import { buildGrams, gramCandidates, gramCost, gramExact } from '../../lib/filter/grams';
import { searchFold } from '../../lib/text';
import { normaliseGrant } from '../../lib/tokens';
import { DOTCOM, grantJson } from '../fake-github/render';
import { generateOrg } from '../fake-github/seed';

function texts(): string[][] {
  const org = generateOrg('acme', { grants: 1500, seed: 9 });
  const account = { login: org.login, id: org.id, type: 'Organization' as const };
  const tokens = org.grants.map((g) => normaliseGrant(grantJson(g, account, DOTCOM, org.now)));
  // Hand-made ones too: non-ASCII letters between ASCII ones, a repeated pair.
  const extra = [
    ['aébc', 'zz'],
    ['aaaa', 'b'],
  ];
  return [...tokens.map((t) => [searchFold(t.tokenName), searchFold(t.ownerLogin)]), ...extra];
}

describe('gram candidates', () => {
  const all = texts();
  const grams = buildGrams(all.length, (i) => all[i] as string[]);
  const holding = (word: string) =>
    all.flatMap((pair, i) => (pair.some((text) => text.includes(word)) ? [i] : []));

  it('use both lists (rare pairs) and bit sets (common ones)', () => {
    const kinds = new Set(grams.sets.flatMap((set) => (set ? [set.bits ? 'bits' : 'list'] : [])));
    expect(kinds).toEqual(new Set(['bits', 'list']));
  });

  it('hold every token containing the word, exactly so for a character or a pair', () => {
    const words = new Set<string>(['aéb', 'éb', 'é', 'aaa', 'zq', 'q', '-', 'bc']);
    for (const [name] of all.slice(0, 200)) {
      for (let k = 0; k + 3 <= (name ?? '').length; k += 4) {
        words.add((name as string).slice(k, k + 1));
        words.add((name as string).slice(k, k + 2));
        words.add((name as string).slice(k, k + 3));
      }
    }
    let exact = 0;
    for (const word of words) {
      const expected = holding(word);
      const got = gramCandidates(grams, word);
      const candidates = got === null ? all.map((_, i) => i) : [...got];
      expect(
        candidates.filter((i) => expected.includes(i)),
        word,
      ).toEqual(expected);
      expect(gramCost(grams, word)).toBeGreaterThanOrEqual(expected.length);
      if (gramExact(word)) {
        expect(candidates, word).toEqual(expected);
        exact++;
      }
    }
    expect(exact).toBeGreaterThan(20);
  });
});
