// Compiles a parsed query into a predicate over tokens. Built for 50,000 tokens per
// keystroke: per-token folded strings (lib/text searchFold) and risk levels are computed
// once and cached; the compiled predicate allocates nothing.
import type { MemberRole } from '../members';
import { type RiskLevel, riskOf } from '../risk';
import { searchFold } from '../text';
import { isExpired, levelRank, type Token } from '../tokens';
import { inRange, type TimeRange, timeRange } from './dates';
import { buildListIndex, candidatePositions, describes, type Folded, type ListIndex } from './list-index';
import { parseQuery } from './parse';
import { marks, type PositionTest, positionTest } from './position-tests';
import type { MemberValue, ParsedQuery, RepoTerm, Term } from './types';

export interface FilterContext {
  now: number;
  /** Selected grant ids (`is:selected`). */
  selected: ReadonlySet<number>;
  /** Grant id -> repository full names ("org/name") of `subset` tokens, once fetched. */
  repositories: ReadonlyMap<number, readonly string[]>;
  org: string;
  /** Lower-cased login → role, when the App may read members; `member:` matches nothing without. */
  members?: ReadonlyMap<string, MemberRole> | null;
  /** Grant ids against the review baseline (`is:new`, `is:changed`, `is:gone`); none when absent. */
  changes?: ChangeSets;
}

export interface ChangeSets {
  new: ReadonlySet<number>;
  changed: ReadonlySet<number>;
  gone: ReadonlySet<number>;
}

interface Entry {
  /** Folded: NFKC, invisible characters removed, lower case. */
  name: string;
  login: string;
  risk: RiskLevel | null;
  /** A pending request's reason, folded once asked for; '' for a grant. */
  reason?: string;
}

// Tokens are treated as immutable (a reload brings new objects), so caching by identity is safe.
const entries = new WeakMap<Token, Entry>();

function entryOf(token: Token): Entry {
  let entry = entries.get(token);
  if (entry === undefined) {
    entry = {
      name: searchFold(token.tokenName),
      login: searchFold(token.ownerLogin),
      risk: null,
    };
    entries.set(token, entry);
  }
  return entry;
}

// Loops over the token's few permissions rather than caching a map per token: no
// allocation, and GitHub's names are already lower case (lowering only on a length match).
function hasPermission(token: Token, name: string, min: number): boolean {
  for (const p of token.permissions) {
    if (p.name.length !== name.length) continue;
    if ((p.name === name || p.name.toLowerCase() === name) && levelRank(p.level) >= min) {
      return true;
    }
  }
  return false;
}

// riskOf does not depend on `now` today (see lib/risk.ts), so one level per token holds.
function riskOfEntry(token: Token, entry: Entry, now: number): RiskLevel {
  entry.risk ??= riskOf(token, now);
  return entry.risk;
}

interface RepoSets {
  full: Set<string>;
  short: Set<string>;
}

const repoSets = new WeakMap<readonly string[], RepoSets>();

function repoSetsOf(list: readonly string[]): RepoSets {
  let sets = repoSets.get(list);
  if (sets === undefined) {
    sets = { full: new Set(), short: new Set() };
    for (const fullName of list) {
      const lower = fullName.toLowerCase();
      sets.full.add(lower);
      sets.short.add(lower.slice(lower.lastIndexOf('/') + 1));
    }
    repoSets.set(list, sets);
  }
  return sets;
}

type Predicate = (token: Token, entry: Entry) => boolean;

// A quoted value made only of invisible characters (`name:"\u200B"`) folds to nothing and
// would match every token; it finds the tokens that hold those very characters instead.
function hiddenOnly(raw: string, orLogin: boolean): Predicate {
  if (raw === '') return () => true;
  return (t) => t.tokenName.includes(raw) || (orLogin && t.ownerLogin.includes(raw));
}

const never = (): boolean => false;

/** True when the query has a `repo:` term, so `subset` tokens need their lists fetched. */
export function queryNeedsRepositories(query: ParsedQuery): boolean {
  return query.errors.length === 0 && query.terms.some((t) => t.type === 'repo');
}

// A `subset` token whose list is not fetched matches neither `repo:X` nor `-repo:X`:
// we cannot tell, and a wrong answer would be worse than a missing row.
function repoPredicate(term: RepoTerm, ctx: FilterContext): Predicate {
  const org = ctx.org.toLowerCase();
  const name = term.name.toLowerCase();
  const wantOrg = term.org?.toLowerCase() ?? null;
  const full = `${wantOrg ?? org}/${name}`;
  const allReaches = wantOrg === null || wantOrg === org;
  const { negated } = term;
  return (token) => {
    if (token.repositorySelection === 'all') return allReaches !== negated;
    if (token.repositorySelection !== 'subset') return negated;
    const list = ctx.repositories.get(token.grantId);
    if (list === undefined) return false;
    const sets = repoSetsOf(list);
    const hit = wantOrg === null ? sets.short.has(name) : sets.full.has(full);
    return hit !== negated;
  };
}

function timePredicate(get: (token: Token) => Date | null, range: TimeRange, whenNull: boolean): Predicate {
  return (token) => {
    const date = get(token);
    return date === null ? whenNull : inRange(date.getTime(), range);
  };
}

const expiresAt = (t: Token): Date | null => t.expiresAt;
const lastUsedAt = (t: Token): Date | null => t.lastUsedAt;
const grantedAt = (t: Token): Date | null => t.grantedAt;
// Pending requests (lib/token-requests.ts) add these to a token; a grant has neither.
const requestedAt = (t: Token): Date | null => (t as { requestedAt?: Date | null }).requestedAt ?? null;
function reasonOf(t: Token, e: Entry): string {
  e.reason ??= searchFold((t as { reason?: string | null }).reason ?? '');
  return e.reason;
}

/** The predicate of one term, before negation (repo handles its own). */
function termPredicate(term: Term, ctx: FilterContext): Predicate {
  const { now } = ctx;
  switch (term.type) {
    case 'text': {
      const v = searchFold(term.value);
      if (v === '') return hiddenOnly(term.value, true);
      return (_t, e) => e.name.includes(v) || e.login.includes(v);
    }
    case 'name': {
      const v = searchFold(term.value);
      if (v === '') return hiddenOnly(term.value, false);
      return (_t, e) => e.name.includes(v);
    }
    case 'owner': {
      const v = searchFold(term.value);
      return (_t, e) => e.login === v;
    }
    case 'repo':
      return repoPredicate(term, ctx);
    case 'perm': {
      const { name } = term;
      const min = term.level === null ? 0 : levelRank(term.level);
      return (t) => hasPermission(t, name, min);
    }
    case 'access': {
      const v = term.value;
      return (t) => t.repositorySelection === v;
    }
    case 'expires':
      // A token that never expires satisfies no comparison.
      if (term.value.kind === 'never') return (t) => t.expiresAt === null;
      return timePredicate(expiresAt, timeRange(term.value, 'future', now), false);
    case 'used': {
      if (term.value.kind === 'never') return (t) => t.lastUsedAt === null;
      // Ranges open towards the past mean "not used since": never-used tokens belong.
      const range = timeRange(term.value, 'past', now);
      return timePredicate(lastUsedAt, range, range.lo === -Infinity);
    }
    case 'granted':
      return timePredicate(grantedAt, timeRange(term.value, 'past', now), false);
    case 'reason': {
      const v = searchFold(term.value);
      // Only invisible characters: the reasons that hold those very characters.
      if (v === '') return (t) => ((t as { reason?: string | null }).reason ?? '').includes(term.value);
      return (t, e) => reasonOf(t, e).includes(v);
    }
    case 'requested':
      return timePredicate(requestedAt, timeRange(term.value, 'past', now), false);
    case 'is':
      if (term.value === 'selected') return (t) => ctx.selected.has(t.grantId);
      if (term.value === 'new' || term.value === 'changed' || term.value === 'gone') {
        const ids = ctx.changes?.[term.value];
        return ids ? (t) => ids.has(t.grantId) : never;
      }
      if (term.value === 'expired') return (t) => isExpired(t, now);
      return (t) => !isExpired(t, now);
    case 'risk': {
      const v = term.value;
      return (t, e) => riskOfEntry(t, e, now) === v;
    }
    case 'member':
      return ctx.members ? memberPredicate(term.value, ctx.members) : never;
  }
}

function memberPredicate(value: MemberValue, roles: ReadonlyMap<string, MemberRole>): Predicate {
  const ok = (role: MemberRole | undefined) =>
    value === 'no' ? role === undefined : value === 'owner' ? role === 'owner' : role !== undefined;
  return (t) => ok(roles.get(t.ownerLogin.toLowerCase()));
}

type EntryPredicate = (token: Token, entry: Entry) => boolean;

// Null when the query has an error (it then matches nothing).
/** True when the query matches no token whatever the tokens: an error, or membership unknown. */
function matchesNothing(query: ParsedQuery, ctx: FilterContext): boolean {
  // Unknown membership matches nothing, negated or not: a wrong "not a member" would be worse
  // than no row (lib/filter/member.ts puts the reason under the box).
  return query.errors.length > 0 || (!ctx.members && query.terms.some((t) => t.type === 'member'));
}

function compile(query: ParsedQuery, ctx: FilterContext): EntryPredicate | null {
  if (matchesNothing(query, ctx)) return null;
  const preds: Predicate[] = [];
  const owners = new Set<string>();
  for (const term of query.terms) {
    if (term.type === 'owner' && !term.negated) {
      owners.add(searchFold(term.value));
      continue;
    }
    const pred = termPredicate(term, ctx);
    preds.push(term.negated && term.type !== 'repo' ? (t, e) => !pred(t, e) : pred);
  }
  if (owners.size > 0) preds.unshift((_t, e) => owners.has(e.login));
  const count = preds.length;
  if (count === 0) return () => true;
  if (count === 1) return preds[0] as Predicate;
  return (token, entry) => {
    for (let i = 0; i < count; i++) {
      if (!(preds[i] as Predicate)(token, entry)) return false;
    }
    return true;
  };
}

/**
 * The query as a predicate. Terms are ANDed, except that positive `owner:` terms form
 * one OR group. With any error it matches nothing; with no terms, everything.
 */
export function compileQuery(query: ParsedQuery, ctx: FilterContext): (token: Token) => boolean {
  const match = compile(query, ctx);
  if (match === null) return never;
  return (token) => match(token, entryOf(token));
}

// Entries by position for each token list, so a keystroke costs no WeakMap look-up per
// token. Checked against the list on every run, so in-place edits stay correct.
const indexes = new WeakMap<readonly Token[], { tokens: Token[]; entries: Entry[] }>();

function indexOf(tokens: readonly Token[]): { tokens: Token[]; entries: Entry[] } {
  let index = indexes.get(tokens);
  if (index === undefined) {
    index = { tokens: [], entries: [] };
    indexes.set(tokens, index);
  }
  return index;
}

/** The tokens that match `query` (text or parsed), in their order. */
export function filterTokens(
  tokens: readonly Token[],
  query: ParsedQuery | string,
  ctx: FilterContext,
): Token[] {
  const parsed = typeof query === 'string' ? parseQuery(query) : query;
  const match = compile(parsed, ctx);
  if (match === null) return [];
  if (parsed.terms.length === 0) return tokens.slice();
  return scan(tokens, match);
}

/**
 * Builds the per-token cache now (e.g. when grants finish loading, in idle time), so the
 * first keystroke does not pay for it: about 50-100 ms for 50,000 tokens. Pass the list that
 * will be filtered (the panel's sorted rows): the caches are by position in it.
 */
export function indexTokens(tokens: readonly Token[]): void {
  // Risk levels too: otherwise the first `risk:` query pays for all of them (44 ms at 50,000).
  scan(tokens, (token, entry) => {
    riskOfEntry(token, entry, Date.now());
    return false;
  });
  // A filter of this very list (a query from the URL's hash) may have built it already.
  listIndexOf(tokens);
}

/**
 * Positions in `tokens` of the tokens that match `query` (ascending), looking only at the positions in
 * `within` (ascending) when given: a narrowed query re-checks the previous matches through the
 * same per-position cache instead of a fresh list (lib/filter/narrow.ts says when that is exact).
 * Terms are tested against the list's index (lib/filter/position-tests.ts) where it answers
 * them, and with their predicate otherwise; the result is what `compileQuery` would match.
 */
export function matchPositions(
  tokens: readonly Token[],
  query: ParsedQuery,
  ctx: FilterContext,
  within?: ArrayLike<number>,
): Int32Array {
  if (matchesNothing(query, ctx)) return new Int32Array(0);
  const index = listIndexOf(tokens);
  // A term the list's index answers may leave fewer positions to check than `within`.
  const candidates = candidatePositions(index, query, searchFold, within?.length);
  let answered: readonly Term[] = [];
  if (candidates && (within === undefined || candidates.positions.length < within.length)) {
    within = candidates.positions;
    answered = candidates.answers;
  }
  const test = positionsMatch(tokens, index, query, ctx, within?.length ?? tokens.length, answered);
  // Typed, sized for the most there can be: no growing arrays of 50,000 numbers per keystroke.
  const out = new Int32Array(within?.length ?? tokens.length);
  let count = 0;
  if (within === undefined) {
    for (let i = 0; i < tokens.length; i++) if (test(i)) out[count++] = i;
  } else {
    for (let k = 0; k < within.length; k++) {
      const i = within[k] as number;
      if (test(i)) out[count++] = i;
    }
  }
  return count === out.length ? out : out.slice(0, count);
}

/** The query's terms ANDed as one position test (positive `owner:` terms one OR group). */
function positionsMatch(
  tokens: readonly Token[],
  index: ListIndex,
  query: ParsedQuery,
  ctx: FilterContext,
  checks: number,
  /** Terms the positions to check already satisfy (from the index's exact lists). */
  answered: readonly Term[],
): PositionTest {
  const { tokens: seen, entries } = indexOf(tokens);
  // The cache is complete after one whole scan; a position it lacks or that changed is looked up.
  const entryAt = (i: number, token: Token): Entry =>
    seen[i] === token ? (entries[i] as Entry) : entryOf(token);
  const tests: PositionTest[] = [];
  const owners = query.terms.flatMap((t) => (t.type === 'owner' && !t.negated ? [searchFold(t.value)] : []));
  if (owners.length > 0 && !answered.some((t) => t.type === 'owner')) {
    const mark = marks(
      index,
      owners.map((login) => index.byLogin.get(login) ?? []),
    );
    tests.push((i) => mark[i] === 1);
  }
  for (const term of query.terms) {
    if ((term.type === 'owner' && !term.negated) || answered.includes(term)) continue;
    let test = positionTest(term, index, ctx, checks);
    if (test === null) {
      const pred = termPredicate(term, ctx);
      test = (i) => {
        const token = tokens[i] as Token;
        return pred(token, entryAt(i, token));
      };
      // `repo:` negates itself (a list not fetched matches neither way).
      if (term.negated && term.type === 'repo') {
        tests.push(test);
        continue;
      }
    }
    const positive = test;
    tests.push(term.negated ? (i) => !positive(i) : positive);
  }
  const count = tests.length;
  if (count === 0) return () => true;
  if (count === 1) return tests[0] as PositionTest;
  return (i) => {
    for (let k = 0; k < count; k++) if (!(tests[k] as PositionTest)(i)) return false;
    return true;
  };
}

// Indexes by list, built on the first look (a whole scan costs the same order anyway).
const listIndexes = new WeakMap<readonly Token[], ListIndex>();

function folded(token: Token): Folded {
  const entry = entryOf(token);
  riskOfEntry(token, entry, Date.now());
  return entry as Folded;
}

function listIndexOf(tokens: readonly Token[]): ListIndex {
  const known = listIndexes.get(tokens);
  if (known && describes(known, tokens)) return known;
  const index = buildListIndex(tokens, folded);
  listIndexes.set(tokens, index);
  return index;
}

function scan(tokens: readonly Token[], match: EntryPredicate, positions?: number[]): Token[] {
  const { tokens: seen, entries } = indexOf(tokens);
  const n = tokens.length;
  if (seen.length > n) {
    seen.length = n;
    entries.length = n;
  }
  const out: Token[] = [];
  for (let i = 0; i < n; i++) {
    const token = tokens[i] as Token;
    let entry: Entry;
    if (i >= seen.length) {
      entry = entryOf(token);
      seen.push(token);
      entries.push(entry);
    } else if (seen[i] !== token) {
      entry = entryOf(token);
      seen[i] = token;
      entries[i] = entry;
    } else {
      entry = entries[i] as Entry;
    }
    if (match(token, entry)) {
      if (positions) positions.push(i);
      else out.push(token);
    }
  }
  return out;
}
