// Where a keystroke need not look at every token. Built once per token list: one string of
// every token's folded name and login (a word is then found by `indexOf` over it, not by an
// `includes` per token), and the positions of each owner, permission name and repository
// selection. A positive term that the index answers gives the positions that can match; the
// compiled predicate (lib/filter/evaluate.ts) then checks only those, so typing
// `perm:contents:write` or `owner:octocat` over 50,000 tokens costs what the matches cost.
//
// Candidates are a superset of the matches, never a guess: the predicate re-checks every one.
import type { RepositorySelection, Token } from '../tokens';
import type { ParsedQuery } from './types';

/** Between names and logins: a control character, which searchFold removes from every word. */
const SEPARATOR = '\n';

export interface ListIndex {
  /** The list it was built from, to notice in-place edits. */
  tokens: readonly Token[];
  /** Token i's folded name, SEPARATOR, folded login, SEPARATOR; from starts[i]. */
  text: string;
  starts: Int32Array;
  /** Where token i's name ends in `text` (its login follows). */
  nameEnds: Int32Array;
  byLogin: Map<string, number[]>;
  /** Lower-case permission name → positions of the tokens that hold it at any level. */
  byPermission: Map<string, number[]>;
  bySelection: Map<RepositorySelection, number[]>;
}

function push<K>(map: Map<K, number[]>, key: K, position: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== position) list.push(position);
  } else map.set(key, [position]);
}

/** `fold` gives a token's folded name and login, as the filter compares them. */
export function buildListIndex(
  tokens: readonly Token[],
  fold: (token: Token) => { name: string; login: string },
): ListIndex {
  const n = tokens.length;
  const starts = new Int32Array(n + 1);
  const nameEnds = new Int32Array(n);
  const parts: string[] = [];
  const byLogin = new Map<string, number[]>();
  const byPermission = new Map<string, number[]>();
  const bySelection = new Map<RepositorySelection, number[]>();
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const token = tokens[i] as Token;
    const { name, login } = fold(token);
    starts[i] = offset;
    nameEnds[i] = offset + name.length;
    parts.push(name, SEPARATOR, login, SEPARATOR);
    offset += name.length + login.length + 2;
    push(byLogin, login, i);
    for (const p of token.permissions) push(byPermission, p.name.toLowerCase(), i);
    push(bySelection, token.repositorySelection, i);
  }
  starts[n] = offset;
  return {
    tokens: tokens.slice(),
    text: parts.join(''),
    starts,
    nameEnds,
    byLogin,
    byPermission,
    bySelection,
  };
}

/** True while `index` still describes `tokens` (same tokens at the same positions). */
export function describes(index: ListIndex, tokens: readonly Token[]): boolean {
  if (index.tokens.length !== tokens.length) return false;
  for (let i = 0; i < tokens.length; i++) if (index.tokens[i] !== tokens[i]) return false;
  return true;
}

/** Positions whose folded name (or, unless `nameOnly`, login) contains `word`, ascending. */
export function wordPositions(index: ListIndex, word: string, nameOnly: boolean): number[] {
  const { text, starts, nameEnds } = index;
  const out: number[] = [];
  let i = 0;
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return out;
    while ((starts[i + 1] as number) <= at) i++;
    // The name comes first: a hit in the login means the name (from `from` on) has none.
    if (!nameOnly || at + word.length <= (nameEnds[i] as number)) out.push(i);
    from = starts[i + 1] as number;
  }
}

function union(lists: number[][]): number[] {
  if (lists.length === 1) return lists[0] as number[];
  return [...new Set(lists.flat())].sort((a, b) => a - b);
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
): number[] | null {
  const lists: number[][] = [];
  // Positive owner: terms form one OR group (lib/filter/evaluate.ts).
  const owners = query.terms.flatMap((t) => (t.type === 'owner' && !t.negated ? [fold(t.value)] : []));
  if (owners.length > 0) lists.push(union(owners.map((login) => index.byLogin.get(login) ?? [])));
  for (const term of query.terms) {
    if (term.negated) continue;
    if (term.type === 'perm') lists.push(index.byPermission.get(term.name) ?? []);
    if (term.type === 'access') lists.push(index.bySelection.get(term.value) ?? []);
  }
  let best = lists.reduce<number[] | null>((a, b) => (a === null || b.length < a.length ? b : a), null);
  // Words cost one pass over the text: only when neither a lookup nor `known` left few positions.
  const enough = index.tokens.length / 32;
  for (const term of query.terms) {
    if (Math.min(best?.length ?? known, known) <= enough) break;
    if (term.negated || (term.type !== 'text' && term.type !== 'name')) continue;
    const word = fold(term.value);
    if (word === '' || word.includes(SEPARATOR)) continue;
    const hits = wordPositions(index, word, term.type === 'name');
    if (best === null || hits.length < best.length) best = hits;
  }
  return best;
}
