// Where a keystroke need not look at every token. Built once per token list: which tokens hold
// each ASCII character and pair of characters (lib/filter/grams.ts: a word's candidates hold all
// its pairs, so `includes` runs on those only), the positions of each owner, permission name and
// repository selection, and typed columns (lib/filter/list-columns.ts).
// A positive term that the index answers gives the positions that can match; the query's tests
// (lib/filter/evaluate.ts) then check only those, so typing `perm:contents:write` or
// `owner:octocat` over 50,000 tokens costs what the matches cost.
//
// Candidates are a superset of the matches, never a guess: every one is checked again.
import type { RiskLevel } from '../risk';
import { levelRank, type RepositorySelection, type Token } from '../tokens';
import { buildGrams, type Grams, gramCandidates, gramCost, gramExact } from './grams';
import { type Columns, emptyColumns, setColumns } from './list-columns';
import type { ParsedQuery, Term } from './types';

/** What the index needs of a token beyond its fields: its folded name and login, its risk. */
export interface Folded {
  name: string;
  login: string;
  risk: RiskLevel;
}

export interface ListIndex {
  /** The list it was built from, to notice in-place edits (the list itself when frozen). */
  tokens: readonly Token[];
  /** Token i's folded name and login, as the filter compares them. */
  names: string[];
  logins: string[];
  /** Which positions hold each ASCII character and pair (lib/filter/grams.ts). */
  grams: Grams;
  byLogin: Map<string, number[]>;
  /** Lower-case permission name → positions of the tokens that hold it at any level. */
  byPermission: Map<string, number[]>;
  /** The highest level rank (lib/tokens.ts levelRank) at each of byPermission's positions. */
  permissionLevels: Map<string, number[]>;
  bySelection: Map<RepositorySelection, number[]>;
  columns: Columns;
  /** The last words looked up: a keystroke asks for its word twice (candidates, then the test). */
  recent: Map<string, Int32Array>;
}

function push<K>(map: Map<K, number[]>, key: K, position: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== position) list.push(position);
  } else map.set(key, [position]);
}

function pushPermission(index: ListIndex, name: string, position: number, rank: number): void {
  const positions = index.byPermission.get(name);
  const levels = index.permissionLevels.get(name);
  if (positions && levels) {
    if (positions[positions.length - 1] === position) {
      const last = levels.length - 1;
      levels[last] = Math.max(levels[last] as number, rank);
      return;
    }
    positions.push(position);
    levels.push(rank);
  } else {
    index.byPermission.set(name, [position]);
    index.permissionLevels.set(name, [rank]);
  }
}

/** `fold` gives a token's folded name and login, as the filter compares them, and its risk. */
export function buildListIndex(tokens: readonly Token[], fold: (token: Token) => Folded): ListIndex {
  const n = tokens.length;
  const index: ListIndex = {
    // A frozen list cannot be edited in place: it is its own record.
    tokens: Object.isFrozen(tokens) ? tokens : tokens.slice(),
    names: new Array<string>(n),
    logins: new Array<string>(n),
    grams: { size: 0, sets: [], count: new Int32Array(0) },
    byLogin: new Map(),
    byPermission: new Map(),
    permissionLevels: new Map(),
    bySelection: new Map(),
    columns: emptyColumns(n),
    recent: new Map(),
  };
  for (let i = 0; i < n; i++) {
    const token = tokens[i] as Token;
    const { name, login, risk } = fold(token);
    index.names[i] = name;
    index.logins[i] = login;
    push(index.byLogin, login, i);
    for (const p of token.permissions) pushPermission(index, p.name.toLowerCase(), i, levelRank(p.level));
    push(index.bySelection, token.repositorySelection, i);
    setColumns(index.columns, i, token, risk);
  }
  const pair = ['', ''];
  index.grams = buildGrams(n, (i) => {
    pair[0] = index.names[i] as string;
    pair[1] = index.logins[i] as string;
    return pair;
  });
  return index;
}

/**
 * True while `index` still describes `tokens` (same tokens at the same positions). A frozen
 * list that the index was built from needs no look: it cannot have changed.
 */
export function describes(index: ListIndex, tokens: readonly Token[]): boolean {
  if (index.tokens === tokens && Object.isFrozen(tokens)) return true;
  if (index.tokens.length !== tokens.length) return false;
  for (let i = 0; i < tokens.length; i++) if (index.tokens[i] !== tokens[i]) return false;
  return true;
}

/**
 * How many tokens `wordPositions` would compare for `word` (at most): checking fewer positions
 * than that one by one is the cheaper way.
 */
export function wordCost(index: ListIndex, word: string): number {
  if (index.recent.has(`t${word}`)) return 0;
  return gramCost(index.grams, word);
}

/** Positions whose folded name (or, unless `nameOnly`, login) contains `word`, ascending. */
export function wordPositions(index: ListIndex, word: string, nameOnly: boolean): Int32Array {
  const key = `${nameOnly ? 'n' : 't'}${word}`;
  const known = index.recent.get(key);
  if (known) return known;
  const { names, logins } = index;
  const candidates = gramCandidates(index.grams, word);
  let positions: Int32Array;
  if (candidates !== null && !nameOnly && gramExact(word)) {
    // One ASCII character or pair: holding it is holding the word.
    positions = candidates;
  } else {
    const out = new Int32Array(candidates?.length ?? names.length);
    let count = 0;
    const check = (i: number) => {
      if ((names[i] as string).includes(word) || (!nameOnly && (logins[i] as string).includes(word)))
        out[count++] = i;
    };
    if (candidates === null) for (let i = 0; i < names.length; i++) check(i);
    else for (let k = 0; k < candidates.length; k++) check(candidates[k] as number);
    positions = out.subarray(0, count);
  }
  if (index.recent.size >= 4) index.recent.delete(index.recent.keys().next().value as string);
  index.recent.set(key, positions);
  return positions;
}

function union(lists: number[][]): number[] {
  if (lists.length === 1) return lists[0] as number[];
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** Positions that can match a query, and the terms they answer exactly (no need to test those). */
export interface Candidates {
  positions: ArrayLike<number>;
  answers: readonly Term[];
}

/**
 * The fewest positions that can match `query`, from one of its positive terms, or null when
 * no term narrows by index. `fold` folds a query word as the filter does; `known` is how many
 * positions the caller would check otherwise (a narrowed query's previous rows).
 */
export function candidatePositions(
  index: ListIndex,
  query: ParsedQuery,
  fold: (text: string) => string,
  known = Number.POSITIVE_INFINITY,
): Candidates | null {
  const found: Candidates[] = [];
  // Positive owner: terms form one OR group (lib/filter/evaluate.ts).
  const owners = query.terms.flatMap((t) => (t.type === 'owner' && !t.negated ? [t] : []));
  if (owners.length > 0)
    found.push({
      positions: union(owners.map((t) => index.byLogin.get(fold(t.value)) ?? [])),
      answers: owners,
    });
  for (const term of query.terms) {
    if (term.negated) continue;
    if (term.type === 'perm')
      found.push({
        positions: index.byPermission.get(term.name) ?? [],
        // Any level: the list is exactly the tokens holding the permission.
        answers: term.level === null ? [term] : [],
      });
    if (term.type === 'access')
      found.push({ positions: index.bySelection.get(term.value) ?? [], answers: [term] });
  }
  let best = found.reduce<Candidates | null>(
    (a, b) => (a === null || b.positions.length < a.positions.length ? b : a),
    null,
  );
  // A word is looked up only when neither a lookup nor `known` left few positions.
  const enough = index.tokens.length / 32;
  for (const term of query.terms) {
    const fewest = Math.min(best?.positions.length ?? known, known);
    if (fewest <= enough) break;
    if (term.negated || (term.type !== 'text' && term.type !== 'name')) continue;
    const word = fold(term.value);
    if (word === '' || wordCost(index, word) >= fewest) continue;
    const hits = wordPositions(index, word, term.type === 'name');
    if (best === null || hits.length < best.positions.length) best = { positions: hits, answers: [term] };
  }
  return best;
}
