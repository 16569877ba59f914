// The popup's quick search over every cached org: filter-language qualifiers narrow the
// tokens exactly (lib/filter), the remaining free text is fuzzy-matched with uFuzzy over
// "tokenName owner org". Pure and framework-free so the benchmark can time it directly.
import uFuzzy from '@leeoniya/ufuzzy';
import { type FilterContext, matchPositions } from './filter/evaluate';
import { MEMBERS_PANEL_ONLY, withMembership } from './filter/member';
import { narrows } from './filter/narrow';
import { type ParsedQuery, parseQuery, type QueryError, type Term } from './filter/parse';
import { withoutReview } from './filter/review-terms';
import { ASCII, asciiDecides, type Filters, matchTerms, permute } from './popup-fields';
import { fullIndex, haystackAt, listOf, type SearchIndex, tokenAt } from './popup-index';
import { candidates } from './popup-prefilter';
import { foldWithOffsets } from './text';
import type { Token } from './tokens';

export {
  buildTokens,
  createSearchIndex,
  type OrgRows,
  type OrgTokens,
  prepareList,
  type SearchIndex,
} from './popup-index';

type Fold = ReturnType<typeof foldWithOffsets>;

/** Highlight ranges per field, as flat [start, end, start, end…] offsets into that field. */
export interface FieldRanges {
  name: number[];
  owner: number[];
  org: number[];
}

export interface SearchHit {
  token: Token;
  org: string;
  ranges: FieldRanges;
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** Every match, of which `hits` are the first `limit`. */
  total: number;
  errors: QueryError[];
}

export interface HighlightPart {
  text: string;
  matched: boolean;
}

// Unicode-aware so token names in any script match; out-of-order terms ("alice deploy"
// finds "deploy … alice") cost permutations, so only up to three terms are permuted.
const compare = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;
const uf = new uFuzzy({
  unicode: true,
  interSplit: "[^\\p{L}\\d']+",
  intraSplit: '\\p{Ll}\\p{Lu}',
  intraBound: '\\p{L}\\d|\\d\\p{L}|\\p{Ll}\\p{Lu}',
  intraChars: "[\\p{L}\\d']",
  intraContr: "'\\p{L}{1,2}\\b",
  intraMode: 1,
  // Natural order on ties, so "deploy 2" sorts before "deploy 10".
  compare,
});
// The same search for ASCII needles over haystacks without letters beyond ASCII, where its
// patterns match and rank exactly as the Unicode ones do and compile far faster
// (lib/popup-fields.ts, `Filters`).
const ufAscii = new uFuzzy({ intraMode: 1, compare });
const FILTERS: Filters = { unicode: uf.filter, ascii: ufAscii.filter };
const OUT_OF_ORDER = 3;
// Ranking (info + sort) is only worth its cost while the match set is small; past this,
// only the rendered slice is ranked and highlighted.
const INFO_THRESHOLD = 1000;
const NO_RANGES: number[] = [];
// The popup has no selection (`is:selected` matches nothing) and no repository lists.
const NO_SELECTION: ReadonlySet<number> = new Set();
const NO_REPOSITORIES: ReadonlyMap<number, readonly string[]> = new Map();
const NOTHING: SearchOutcome = { hits: [], total: 0, errors: [] };

/** Splits a query: exact terms for lib/filter, and the positive bare text for uFuzzy. */
export function splitQuery(input: string): { filter: ParsedQuery; text: string } {
  // The popup searches every org at once and reads no membership: member: says where it works.
  const parsed = withoutReview(withMembership(parseQuery(input), null, MEMBERS_PANEL_ONLY));
  const terms: Term[] = [];
  const words: string[] = [];
  for (const term of parsed.terms) {
    // Negated bare words go to the filter: "not in name or owner" is exact, not fuzzy.
    if (term.type === 'text' && !term.negated) words.push(input.slice(term.start, term.end));
    else terms.push(term);
  }
  return { filter: { terms, errors: parsed.errors }, text: words.join(' ') };
}

/**
 * Indexes of tokens that satisfy the qualifiers; undefined when there are none. Typing on
 * after qualifiers ("owner:alice dep…") keeps them, and typing on inside one often only
 * narrows it: then only the tokens the last qualifiers kept are checked (lib/filter/narrow.ts
 * says when that gives exactly the full answer).
 */
function qualified(index: SearchIndex, filter: ParsedQuery, now: number): number[] | undefined {
  if (filter.terms.length === 0) return undefined;
  const within = index.last && narrows(index.last.filter, filter) ? index.last.idxs : null;
  const out: number[] = [];
  let w = 0;
  index.orgs.forEach((org, o) => {
    // `repo:` needs each subset token's repository list, which the cache does not carry:
    // such tokens match neither `repo:X` nor `-repo:X` here (the panel fetches them).
    const ctx: FilterContext = { now, selected: NO_SELECTION, repositories: NO_REPOSITORIES, org };
    const from = index.starts[o] as number;
    let local: number[] | undefined;
    if (within) {
      const to = from + listOf(index, o).length;
      local = [];
      for (; w < within.length && (within[w] as number) < to; w++) local.push((within[w] as number) - from);
    }
    // By position in the org's list, as the panel filters: its caches and owner and permission
    // lookups (lib/filter/list-index.ts) spare most tokens most of the work.
    for (const p of matchPositions(listOf(index, o), filter, ctx, local)) out.push(p + from);
  });
  index.last = { filter, idxs: out };
  return out;
}

/** Folded-text ranges as ranges of the original text (whole graphemes). */
function unfold(ranges: number[], fold: Fold): number[] {
  if (fold === null || ranges.length === 0) return ranges;
  const out: number[] = [];
  for (let r = 0; r < ranges.length; r += 2) {
    const s = fold.start[ranges[r] as number] as number;
    const e = fold.end[(ranges[r + 1] as number) - 1] as number;
    // Two folded ranges from one grapheme (a ligature's letters) become one.
    if (out.length > 0 && s <= (out[out.length - 1] as number)) out[out.length - 1] = e;
    else out.push(s, e);
  }
  return out;
}

/** Splits one haystack range list into per-field lists (name, owner, org). */
function fieldRanges(index: SearchIndex, i: number, ranges: readonly number[] | undefined): FieldRanges {
  if (!ranges || ranges.length === 0) return { name: NO_RANGES, owner: NO_RANGES, org: NO_RANGES };
  const nameFold = index.names.folds[index.nameOf[i] as number] ?? null;
  const ownerFold = index.owners.folds[index.ownerOf[i] as number] ?? null;
  const nameLength = (index.names.texts[index.nameOf[i] as number] as string).length;
  const ownerLength = (index.owners.texts[index.ownerOf[i] as number] as string).length;
  const ownerAt = nameLength + 1;
  const orgAt = ownerAt + ownerLength + 1;
  const org = index.orgs[index.orgOf[i] as number] as string;
  const clip = (from: number, length: number): number[] => {
    const out: number[] = [];
    for (let r = 0; r < ranges.length; r += 2) {
      const s = Math.max((ranges[r] as number) - from, 0);
      const e = Math.min((ranges[r + 1] as number) - from, length);
      if (s < e) out.push(s, e);
    }
    return out;
  };
  return {
    name: unfold(clip(0, nameLength), nameFold),
    owner: unfold(clip(ownerAt, ownerLength), ownerFold),
    org: clip(orgAt, org.length),
  };
}

function hitAt(index: SearchIndex, i: number, ranges?: readonly number[]): SearchHit {
  return {
    token: tokenAt(index, i),
    org: index.orgs[index.orgOf[i] as number] as string,
    ranges: fieldRanges(index, i, ranges),
  };
}

/** uFuzzy's ranked matches of `text` among `pre` (every token when undefined). */
function rank(
  haystack: string[],
  text: string,
  pre: number[] | undefined,
  thresh: number,
  u = uf,
): uFuzzy.SearchResult {
  if (u.split(text).length > 1) return u.search(haystack, text, OUT_OF_ORDER, thresh, pre);
  // search() takes a non-empty pre-filter of a single term as already matched, so one
  // term goes through filter() → info() → sort() explicitly.
  const idxs = u.filter(haystack, text, pre);
  if (!idxs) return [null, null, null];
  if (idxs.length === 0 || idxs.length > thresh) return [idxs, null, null];
  const info = u.info(idxs, haystack, text);
  return [idxs, info, u.sort(info, haystack, text)];
}

// uFuzzy strips ` -word` from a needle as a negation; such text keeps every haystack.
const NEGATION = /(?:^|\s)-/;

/** Hits for the ranked matches; `idxs` maps `info.idx` to tokens (null: they are tokens). */
function hitsOf(
  index: SearchIndex,
  idxs: readonly number[] | null,
  info: uFuzzy.Info,
  order: number[],
  limit: number,
): SearchHit[] {
  const hits: SearchHit[] = [];
  for (let k = 0; k < order.length && k < limit; k++) {
    const at = order[k] as number;
    const i = info.idx[at] as number;
    hits.push(hitAt(index, idxs ? (idxs[i] as number) : i, info.ranges[at]));
  }
  return hits;
}

/** The plain search: uFuzzy over every haystack (what lib/popup-fields.ts cannot answer). */
function fuzzyFull(
  index: SearchIndex,
  text: string,
  qualifiedIdxs: number[] | undefined,
  limit: number,
): SearchOutcome {
  const { haystack, masks } = fullIndex(index);
  // Only haystacks that hold the terms' letters go through uFuzzy's regex: same matches, fewer tests.
  const pre = NEGATION.test(text) ? qualifiedIdxs : candidates(masks, uf.split(text), qualifiedIdxs);
  if (pre?.length === 0) return NOTHING;
  let [idxs, info, order] = rank(haystack, text, pre, INFO_THRESHOLD);
  if (!idxs) return NOTHING;
  const total = idxs.length;
  if (!info || !order) {
    // Too many to rank them all within a frame: rank and highlight the shown slice only.
    [, info, order] = rank(haystack, text, idxs.slice(0, limit), Infinity);
    if (!info || !order) return { hits: [], total, errors: [] };
  }
  return { hits: hitsOf(index, null, info, order, limit), total, errors: [] };
}

function fuzzy(
  index: SearchIndex,
  text: string,
  qualifiedIdxs: number[] | undefined,
  limit: number,
): SearchOutcome {
  const terms = uf.split(text);
  // What uFuzzy rewrites before matching (negations, quotes, contractions), and more terms
  // than it permutes, go to the plain search.
  if (!index.fields || NEGATION.test(text) || /["']/.test(text) || terms.length > OUT_OF_ORDER)
    return fuzzyFull(index, text, qualifiedIdxs, limit);
  const { idxs, ends } = matchTerms(index, FILTERS, terms, qualifiedIdxs);
  const total = idxs.length;
  if (total === 0) return NOTHING;
  // uFuzzy ranks every match up to its threshold, else only the shown slice, in match order;
  // the same ranking over those matches' haystacks alone.
  const ranked = total <= INFO_THRESHOLD ? idxs : idxs.slice(0, limit);
  const sub = ranked.map((i) => haystackAt(index, i));
  const u = ASCII.test(text) && sub.every(asciiDecides) ? ufAscii : uf;
  const { info, order } = rankGroups(
    u,
    sub,
    terms.length === 1 ? [text] : permute(terms).map((p) => p.join(' ')),
    ends,
  );
  return { hits: hitsOf(index, ranked, info, order, limit), total, errors: [] };
}

/**
 * uFuzzy's ranking of matches already grouped as its search groups them (lib/popup-fields.ts):
 * each group's info and sort under its needle, concatenated, as search() does (one term: the
 * query's text, compared by code unit, as filter → info → sort; several: each permutation,
 * compared by the collator). `ends` may run past `haystack`: only its part is ranked.
 */
function rankGroups(
  u: uFuzzy,
  haystack: string[],
  needles: string[],
  ends: readonly number[],
): { info: uFuzzy.Info; order: number[] } {
  const merged: Record<string, unknown[]> = {};
  let order: number[] = [];
  let start = 0;
  needles.forEach((needle, g) => {
    const end = Math.min(ends[g] as number, haystack.length);
    if (end > start) {
      const local = Array.from({ length: end - start }, (_, k) => start + k);
      const info = u.info(local, haystack, needle);
      // search() hands the sort its collator (the instance's sort takes one; its type omits it).
      const sort = u.sort as (
        info: uFuzzy.Info,
        haystack: string[],
        needle: string,
        cmp?: typeof compare,
      ) => number[];
      const sorted =
        needles.length > 1 ? sort(info, haystack, needle, compare) : sort(info, haystack, needle);
      const offset = order.length;
      order = order.concat(offset === 0 ? sorted : sorted.map((k) => k + offset));
      for (const [key, values] of Object.entries(info)) merged[key] = (merged[key] ?? []).concat(values);
    }
    start = Math.max(start, end);
  });
  return { info: merged as unknown as uFuzzy.Info, order };
}

export function search(index: SearchIndex, query: string, now: number, limit: number): SearchOutcome {
  const split = splitQuery(query);
  const { filter } = split;
  // Folded like the haystack, so a pasted lookalike finds the plain name too.
  const text = foldWithOffsets(split.text)?.text ?? split.text;
  if (filter.errors.length > 0) return { hits: [], total: 0, errors: filter.errors };
  const pre = qualified(index, filter, now);
  if (pre?.length === 0) return NOTHING;
  // A text part with nothing uFuzzy can match (only punctuation) counts as no text.
  if (text !== '' && uf.split(text).length > 0) return fuzzy(index, text, pre, limit);
  if (!pre) return NOTHING;
  const hits: SearchHit[] = [];
  for (let k = 0; k < pre.length && k < limit; k++) hits.push(hitAt(index, pre[k] as number));
  return { hits, total: pre.length, errors: [] };
}

/** A field as plain and matched parts, for <mark> elements (never HTML strings). */
export function highlightParts(text: string, ranges: readonly number[]): HighlightPart[] {
  if (ranges.length === 0) return [{ text, matched: false }];
  return uFuzzy.highlight<HighlightPart[], HighlightPart>(
    text,
    ranges as number[],
    (part, matched) => ({ text: part, matched }),
    [],
    (parts, part) => {
      if (part.text !== '') parts.push(part);
      return parts;
    },
  );
}
