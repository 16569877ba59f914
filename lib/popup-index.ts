// The popup search's index over every cached org, built once per cache load, never per
// keystroke. A token's haystack is "tokenName owner org"; the index keeps each distinct name
// and owner once (an org's 50,000 tokens carry a few hundred names and a few thousand owners),
// and per token which of them it has, so a text search matches each distinct text once
// (lib/popup-fields.ts) instead of every haystack. Haystacks themselves are built only for
// the matches that are ranked. Tokens are built only when a search needs them (a shown
// result, a qualifier): building 50,000 token objects before the first result was most of the
// popup's time to open.
import type { Distinct } from './distinct';
import { indexTokens } from './filter/evaluate';
import type { ParsedQuery } from './filter/parse';
import { asciiDecides } from './popup-fields';
import { charMasks } from './popup-prefilter';
import { foldWithOffsets } from './text';
import type { Token } from './tokens';

/** An org's tokens, built. */
export interface OrgTokens {
  org: string;
  tokens: Token[];
}

/**
 * An org's tokens as columns (lib/cache-rows.ts): its distinct names and logins with per token
 * which one it has, and each token on demand.
 */
export interface OrgRows {
  org: string;
  names: Distinct<string>;
  logins: Distinct<string>;
  token: (i: number) => Token;
}

type Fold = ReturnType<typeof foldWithOffsets>;

/** Distinct texts of one field, folded as filters fold them (lib/text: NFKC, invisible characters removed). */
export interface FieldTexts {
  /** Folded text, per distinct original. */
  texts: string[];
  /** Where folding changed the original: the way back to its offsets (null: unchanged). */
  folds: Fold[];
  /** The texts with letters beyond ASCII (lib/popup-fields.ts `asciiDecides`). */
  wide: number[];
}

export interface SearchIndex {
  /** Every token of every org, flat, in cache order; holes until tokenAt builds them. */
  tokens: (Token | undefined)[];
  /** Per token, its position in `orgs`. */
  orgOf: Uint32Array;
  orgs: string[];
  /** Per token, its name's entry in `names` and its owner's in `owners`. */
  nameOf: Uint32Array;
  ownerOf: Uint32Array;
  names: FieldTexts;
  owners: FieldTexts;
  /** Every haystack and its prefilter masks, built only for a search the field tables cannot answer. */
  full: { haystack: string[]; masks: Uint32Array } | null;
  /** Per org, where its tokens start in the flat order, and how to build one. */
  starts: number[];
  build: (((i: number) => Token) | null)[];
  /**
   * Per org, all its tokens once built, as one list kept for the index's life: lib/filter
   * caches what it derives from a list (folded texts, risk, owners and permissions) by list.
   */
  lists: (readonly Token[] | undefined)[];
  /** The last qualifiers evaluated and the tokens they kept (lib/popup-search.ts narrows from them). */
  last: { filter: ParsedQuery; idxs: number[] } | null;
  /** Per needle, which distinct texts it matches (lib/popup-fields.ts), kept across keystrokes. */
  memo: Map<string, unknown>;
  /** False: every text search is the plain one, over every haystack (what tests compare with). */
  fields: boolean;
}

const isRows = (group: OrgTokens | OrgRows): group is OrgRows => 'names' in group;

/** Adds `text` to the field's distinct texts (once) and returns its entry. */
function intern(field: FieldTexts, ids: Map<string, number>, text: string): number {
  let id = ids.get(text);
  if (id === undefined) {
    id = field.texts.length;
    ids.set(text, id);
    const fold = foldWithOffsets(text);
    const folded = fold?.text ?? text;
    field.texts.push(folded);
    field.folds.push(fold);
    if (!asciiDecides(folded)) field.wide.push(id);
  }
  return id;
}

/** Entries in `field` of each distinct value, interned once each. */
const internAll = (field: FieldTexts, ids: Map<string, number>, values: readonly string[]): Uint32Array =>
  Uint32Array.from(values, (text) => intern(field, ids, text));

export function createSearchIndex(orgs: readonly (OrgTokens | OrgRows)[]): SearchIndex {
  let size = 0;
  for (const group of orgs) size += isRows(group) ? group.names.of.length : group.tokens.length;
  const tokens = new Array<Token | undefined>(size);
  const orgOf = new Uint32Array(size);
  const nameOf = new Uint32Array(size);
  const ownerOf = new Uint32Array(size);
  const names: FieldTexts = { texts: [], folds: [], wide: [] };
  const owners: FieldTexts = { texts: [], folds: [], wide: [] };
  const nameIds = new Map<string, number>();
  const ownerIds = new Map<string, number>();
  const starts: number[] = [];
  const build: (((i: number) => Token) | null)[] = [];
  let i = 0;
  orgs.forEach((group, o) => {
    starts.push(i);
    orgOf.fill(o, i, i + (isRows(group) ? group.names.of.length : group.tokens.length));
    if (isRows(group)) {
      build.push(group.token);
      // Distinct texts are interned once; each token only translates its stored index.
      const name = internAll(names, nameIds, group.names.values);
      const owner = internAll(owners, ownerIds, group.logins.values);
      const { of: nameAt } = group.names;
      const { of: loginAt } = group.logins;
      for (let k = 0; k < nameAt.length; k++, i++) {
        nameOf[i] = name[nameAt[k] as number] as number;
        ownerOf[i] = owner[loginAt[k] as number] as number;
      }
      return;
    }
    build.push(null);
    for (const token of group.tokens) {
      tokens[i] = token;
      nameOf[i] = intern(names, nameIds, token.tokenName);
      ownerOf[i] = intern(owners, ownerIds, token.ownerLogin);
      i++;
    }
  });
  return {
    tokens,
    orgOf,
    orgs: orgs.map((group) => group.org),
    nameOf,
    ownerOf,
    names,
    owners,
    full: null,
    starts,
    build,
    lists: [],
    last: null,
    memo: new Map(),
    fields: true,
  };
}

/** Token i's haystack: "tokenName owner org", name and owner folded (org logins are ASCII, GitHub's rule). */
export const haystackAt = (index: SearchIndex, i: number): string =>
  `${index.names.texts[index.nameOf[i] as number]} ${index.owners.texts[index.ownerOf[i] as number]} ${index.orgs[index.orgOf[i] as number]}`;

/** Every haystack and its masks (lib/popup-prefilter.ts), built on first need. */
export function fullIndex(index: SearchIndex): { haystack: string[]; masks: Uint32Array } {
  if (!index.full) {
    const haystack = Array.from({ length: index.tokens.length }, (_, i) => haystackAt(index, i));
    index.full = { haystack, masks: charMasks(haystack) };
  }
  return index.full;
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

/** Org o's tokens, every one built. Frozen: the filter's index of it then needs no check. */
export function listOf(index: SearchIndex, o: number): readonly Token[] {
  const known = index.lists[o];
  if (known) return known;
  const from = index.starts[o] as number;
  const to = o + 1 < index.starts.length ? (index.starts[o + 1] as number) : index.tokens.length;
  const list: Token[] = [];
  for (let i = from; i < to; i++) list.push(tokenAt(index, i));
  const frozen = Object.freeze(list);
  index.lists[o] = frozen;
  return frozen;
}

/**
 * Builds org o's list and the filter's caches of it (folded texts, risk levels, the owner and
 * permission look-ups: lib/filter/evaluate.ts indexTokens), which the first qualifier typed
 * would otherwise pay for in one keystroke.
 */
export function prepareList(index: SearchIndex, o: number): void {
  indexTokens(listOf(index, o));
}

/** Builds tokens `from` on, at most `budget` of them; returns where to continue. */
export function buildTokens(index: SearchIndex, from: number, budget: number): number {
  const end = Math.min(index.tokens.length, from + budget);
  for (let i = from; i < end; i++) tokenAt(index, i);
  return end;
}
