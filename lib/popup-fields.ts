// uFuzzy's filter over "tokenName owner org" haystacks, answered per distinct field text.
// Matching each of 50,000 haystacks with uFuzzy's regex was most of a keystroke's cost, yet
// an org's tokens share a few hundred names and a few thousand owners. uFuzzy's regex for a
// needle is one pattern per term joined by `.*?`; a term is letters, digits and apostrophes
// (uFuzzy splits the needle on everything else), and its pattern only ever matches those, so
// a term's match never spans the spaces between fields. A needle of terms t1…tk therefore
// matches a haystack exactly when, for some a ≤ b, t1…ta match in order in the name, ta+1…tb
// in the owner and the rest in the org (folded texts hold no line breaks, which `.` would not
// cross: lib/text.ts removes them). Each distinct text is matched once per needle, with
// uFuzzy's own filter, and the result is kept across keystrokes. Quoted terms, contractions
// and negations are rewritten by uFuzzy before matching: lib/popup-search.ts leaves those to
// the plain search.
import type { SearchIndex } from './popup-index';

/** uFuzzy's filter: the indexes (of `idxs`, or of every entry) whose text matches `needle`. */
export type Filter = (haystack: string[], needle: string, idxs?: number[]) => number[] | null;

/**
 * The popup's uFuzzy filter, and the same over ASCII: V8 compiles its patterns about eight
 * times faster than the Unicode ones, and a new needle per keystroke pays that each time. An
 * ASCII needle's patterns match exactly as the Unicode ones do on any text whose characters
 * beyond ASCII are no letters, digits or apostrophes (`[\p{L}\d']` under /iu), such as a
 * dash: under /i an ASCII pattern character matches only ASCII, and under /iu only ASCII and
 * ſ or K (letters), and `.` matches any of them either way.
 */
export interface Filters {
  unicode: Filter;
  ascii: Filter;
}

export const ASCII = /^[^\u0080-\uffff]*$/;
/** What uFuzzy's Unicode patterns take for a letter of a term (`intraChars`, under /iu). */
const TERM_CHARACTER = /^[\p{L}\d']$/iu;

/** Whether the ASCII patterns of an ASCII needle decide `text` as the Unicode ones would. */
export function asciiDecides(text: string): boolean {
  if (ASCII.test(text)) return true;
  for (const character of text)
    if ((character.codePointAt(0) as number) > 0x7f && TERM_CHARACTER.test(character)) return false;
  return true;
}

/** One field's distinct texts: names, owners or orgs. */
type Field = 0 | 1 | 2;
const NAMES: Field = 0;
const OWNERS: Field = 1;
const ORGS: Field = 2;
const NONE: readonly number[] = [];

function textsOf(index: SearchIndex, field: Field): { texts: readonly string[]; wide: readonly number[] } {
  if (field === NAMES) return index.names;
  if (field === OWNERS) return index.owners;
  // Org logins are ASCII (GitHub's rule).
  return { texts: index.orgs, wide: NONE };
}

// A keystroke changes one term; the needles of the others stay useful. Bounded all the same.
const MEMO_LIMIT = 256;

/** `filter` over the texts at `within` (every text when undefined), as 0/1 per text. */
function marks(
  filters: Filters,
  texts: readonly string[],
  wide: readonly number[],
  needle: string,
  within: number[] | undefined,
): Uint8Array {
  const out = new Uint8Array(texts.length);
  if (!ASCII.test(needle)) {
    for (const v of filters.unicode(texts as string[], needle, within) ?? []) out[v] = 1;
    return out;
  }
  for (const v of filters.ascii(texts as string[], needle, within) ?? []) out[v] = 1;
  // Texts with letters beyond ASCII (a few) are matched again by the Unicode patterns, which decide them.
  const candidate = within && wide.length > 0 ? new Set(within) : null;
  const again: number[] = [];
  for (const v of wide) {
    if (!candidate || candidate.has(v)) again.push(v);
    out[v] = 0;
  }
  if (again.length > 0) for (const v of filters.unicode(texts as string[], needle, again) ?? []) out[v] = 1;
  return out;
}

/** Which of one field's distinct texts the needle of `terms` matches, 0/1 per text; kept across keystrokes. */
function fieldHits(index: SearchIndex, filter: Filters, terms: readonly string[], field: Field): Uint8Array {
  const needle = terms.join(' ');
  const key = `${field} ${needle}`;
  const known = index.memo.get(key) as Uint8Array | undefined;
  if (known) return known;
  const { texts, wide } = textsOf(index, field);
  let hits: Uint8Array;
  if (terms.length === 1) hits = marks(filter, texts, wide, needle, undefined);
  else {
    // A text that matches several terms in order matches each of them: only those are tried
    // (often none, and then no pattern is even compiled).
    const singles = terms.map((term) => fieldHits(index, filter, [term], field));
    const within: number[] = [];
    for (let v = 0; v < texts.length; v++) if (singles.every((single) => single[v])) within.push(v);
    hits = within.length === 0 ? new Uint8Array(texts.length) : marks(filter, texts, wide, needle, within);
  }
  if (index.memo.size >= MEMO_LIMIT) index.memo.clear();
  index.memo.set(key, hits);
  return hits;
}

/** Whether token i's haystack matches `terms` in this order (uFuzzy's `filter` of `terms.join(' ')`). */
function inOrder(index: SearchIndex, filter: Filters, terms: readonly string[]): (i: number) => boolean {
  const k = terms.length;
  // Terms a…b-1 in order, in one field, for 0 ≤ a < b ≤ k: each computed when a token first asks.
  const tables: (Uint8Array | undefined)[] = [];
  const at = (a: number, b: number, field: Field): Uint8Array => {
    const slot = (a * (k + 1) + b) * 3 + field;
    let table = tables[slot];
    if (!table) {
      table = fieldHits(index, filter, terms.slice(a, b), field);
      tables[slot] = table;
    }
    return table;
  };
  const { nameOf, ownerOf, orgOf } = index;
  return (i) => {
    const name = nameOf[i] as number;
    const owner = ownerOf[i] as number;
    const org = orgOf[i] as number;
    // Terms that match in order in a text, less the last, still do: stop at the first miss.
    for (let a = 0; a <= k; a++) {
      if (a > 0 && !at(0, a, NAMES)[name]) break;
      for (let b = a; b <= k; b++) {
        if (b > a && !at(a, b, OWNERS)[owner]) break;
        if (b === k || at(b, k, ORGS)[org]) return true;
      }
    }
    return false;
  };
}

/** uFuzzy's order of the permutations of `terms` (its internal `permute`, Heap's algorithm). */
export function permute<T>(terms: readonly T[]): T[][] {
  const arr = terms.slice();
  const result = [arr.slice()];
  const c = new Array<number>(arr.length).fill(0);
  let i = 1;
  while (i < arr.length) {
    if ((c[i] as number) < i) {
      const k = i % 2 && (c[i] as number);
      const p = arr[i] as T;
      arr[i] = arr[k] as T;
      arr[k] = p;
      c[i] = (c[i] as number) + 1;
      i = 1;
      result.push(arr.slice());
    } else {
      c[i] = 0;
      i++;
    }
  }
  return result;
}

/** Matches in uFuzzy's order, and where each group (permutation of the terms) ends in it. */
export interface TermMatches {
  idxs: number[];
  ends: number[];
}

/**
 * The tokens (of `pre`, or every token) whose name, owner and org bits together make `every`.
 * A small function of its own, shared by the one-term and the several-term search, so that V8
 * optimises it once: inside matchTerms, a loop optimised on one-term queries met its
 * several-term half with no type feedback, dropped its optimised code and ran the 50,000
 * tokens interpreted (5 to 14 ms a keystroke in a freshly opened popup).
 */
function holdingEvery(
  index: SearchIndex,
  bits: FieldBits,
  every: number,
  pre: readonly number[] | undefined,
): number[] {
  const { nameOf, ownerOf, orgOf } = index;
  const [names, owners, orgs] = bits;
  const holds = (i: number): boolean =>
    ((names[nameOf[i] as number] as number) |
      (owners[ownerOf[i] as number] as number) |
      (orgs[orgOf[i] as number] as number)) ===
    every;
  const out: number[] = [];
  if (pre) {
    for (const i of pre) if (holds(i)) out.push(i);
  } else {
    for (let i = 0; i < nameOf.length; i++) if (holds(i)) out.push(i);
  }
  return out;
}

/** Per distinct name, owner and org, a bit per term it matches. */
type FieldBits = [Uint8Array, Uint8Array, Uint8Array];

/**
 * The tokens (of `pre`, or every token) that uFuzzy's search(haystack, terms, …, pre) matches,
 * in its order: one term, in index order; several (out of order allowed), those matching
 * each term somewhere, grouped by the first permutation of the terms (`permute`) that
 * matches in order.
 */
export function matchTerms(
  index: SearchIndex,
  filter: Filters,
  terms: readonly string[],
  pre: readonly number[] | undefined,
): TermMatches {
  // Per distinct text, a bit per term it matches (one term: its 0/1 hits as they are).
  const bitsOf = (field: Field): Uint8Array => {
    if (terms.length === 1) return fieldHits(index, filter, terms, field);
    const out = new Uint8Array(textsOf(index, field).texts.length);
    terms.forEach((term, t) => {
      const hits = fieldHits(index, filter, [term], field);
      for (let v = 0; v < out.length; v++) if (hits[v]) out[v] = (out[v] as number) | (1 << t);
    });
    return out;
  };
  const bits: FieldBits = [bitsOf(NAMES), bitsOf(OWNERS), bitsOf(ORGS)];
  const every = (1 << terms.length) - 1;
  // A token holds every term when its fields' bits together do.
  const holding = holdingEvery(index, bits, every, pre);
  if (terms.length === 1) return { idxs: holding, ends: [holding.length] };
  // Then the first permutation that matches in order, its needles built only now.
  const orders = holding.length === 0 ? [] : permute(terms).map((perm) => inOrder(index, filter, perm));
  const groups: number[][] = orders.map(() => []);
  for (const i of holding) {
    for (let g = 0; g < orders.length; g++) {
      if ((orders[g] as (i: number) => boolean)(i)) {
        (groups[g] as number[]).push(i);
        break;
      }
    }
  }
  const idxs: number[] = [];
  const ends: number[] = [];
  for (const group of groups) {
    for (const i of group) idxs.push(i);
    ends.push(idxs.length);
  }
  return { idxs, ends };
}
