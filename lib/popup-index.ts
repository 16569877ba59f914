// The popup search's index over every cached org: one "tokenName owner org" haystack per
// token for uFuzzy, built once per cache load, never per keystroke. Tokens themselves are
// built only when a search needs them (a shown result, a qualifier): the haystack needs names
// and logins only, and building 50,000 token objects before the first result was most of the
// popup's time to open.
import type { ParsedQuery } from './filter/parse';
import { charMasks } from './popup-prefilter';
import { foldWithOffsets } from './text';
import type { Token } from './tokens';

/** An org's tokens, built. */
export interface OrgTokens {
  org: string;
  tokens: Token[];
}

/** An org's tokens as columns (lib/cache-rows.ts): names and logins, and each token on demand. */
export interface OrgRows {
  org: string;
  names: readonly string[];
  logins: readonly string[];
  token: (i: number) => Token;
}

type Fold = ReturnType<typeof foldWithOffsets>;
export interface TokenFolds {
  name: Fold;
  owner: Fold;
}

export interface SearchIndex {
  /** Every token of every org, flat, in cache order; holes until tokenAt builds them. */
  tokens: (Token | undefined)[];
  /** Per token, its position in `orgs`. */
  orgOf: Uint32Array;
  orgs: string[];
  /**
   * Per token, "tokenName owner org" with name and owner folded as filters fold them
   * (lib/text: NFKC, invisible characters removed), so `deploy` finds `dep\u200Bloy`.
   */
  haystack: string[];
  /** Where folding changed a token's name or owner: the way back to the original offsets. */
  folds: Map<number, TokenFolds>;
  /** Per haystack, the letters and digits it holds (lib/popup-prefilter.ts). */
  masks: Uint32Array;
  /** Per org, where its tokens start in the flat order, and how to build one. */
  starts: number[];
  build: (((i: number) => Token) | null)[];
  /** The last qualifiers evaluated and the tokens they kept (lib/popup-search.ts narrows from them). */
  last: { filter: ParsedQuery; idxs: number[] } | null;
}

const isRows = (group: OrgTokens | OrgRows): group is OrgRows => 'names' in group;

export function createSearchIndex(orgs: readonly (OrgTokens | OrgRows)[]): SearchIndex {
  let size = 0;
  for (const group of orgs) size += isRows(group) ? group.names.length : group.tokens.length;
  const tokens = new Array<Token | undefined>(size);
  const haystack: string[] = new Array(size);
  const orgOf = new Uint32Array(size);
  const folds = new Map<number, TokenFolds>();
  const starts: number[] = [];
  const build: (((i: number) => Token) | null)[] = [];
  let i = 0;
  orgs.forEach((group, o) => {
    starts.push(i);
    const names = isRows(group) ? group.names : group.tokens.map((t) => t.tokenName);
    const logins = isRows(group) ? group.logins : group.tokens.map((t) => t.ownerLogin);
    build.push(isRows(group) ? group.token : null);
    for (let k = 0; k < names.length; k++) {
      if (!isRows(group)) tokens[i] = group.tokens[k];
      const tokenName = names[k] as string;
      const ownerLogin = logins[k] as string;
      // Org logins are ASCII (GitHub's rule), so only name and owner can need folding.
      const name = foldWithOffsets(tokenName);
      const owner = foldWithOffsets(ownerLogin);
      if (name !== null || owner !== null) folds.set(i, { name, owner });
      haystack[i] = `${name?.text ?? tokenName} ${owner?.text ?? ownerLogin} ${group.org}`;
      orgOf[i] = o;
      i++;
    }
  });
  return {
    tokens,
    orgOf,
    orgs: orgs.map((group) => group.org),
    haystack,
    folds,
    masks: charMasks(haystack),
    starts,
    build,
    last: null,
  };
}

/** Token i, built on first use. */
export function tokenAt(index: SearchIndex, i: number): Token {
  const known = index.tokens[i];
  if (known) return known;
  const o = index.orgOf[i] as number;
  const token = (index.build[o] as (k: number) => Token)(i - (index.starts[o] as number));
  index.tokens[i] = token;
  return token;
}

/** Builds tokens `from` on, at most `budget` of them; returns where to continue. */
export function buildTokens(index: SearchIndex, from: number, budget: number): number {
  const end = Math.min(index.haystack.length, from + budget);
  for (let i = from; i < end; i++) tokenAt(index, i);
  return end;
}
