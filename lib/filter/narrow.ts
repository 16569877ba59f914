// When may a keystroke filter the previous result instead of every token? When the new query
// can only match tokens the previous one matched: typing on at the end of a word ("dep" →
// "depl"), or adding a term ("deploy" → "deploy risk:high"). Then filtering the previous
// matches gives exactly what filtering every token would, at a fraction of the cost once the
// first characters have narrowed 50,000 tokens to a few hundred.
//
// Deliberately conservative: only terms whose meaning depends on the token alone qualify.
// Time terms (their `now` moves between keystrokes), `is:` (selection, the clock), `repo:`
// (repository lists arrive while typing) and any term type this file does not know (a new
// qualifier may read a context) always mean a full filter.
import { searchFold } from '../text';
import type { ParsedQuery, Term } from './types';

const CONTEXT_FREE = new Set<Term['type']>(['text', 'name', 'owner', 'perm', 'access', 'risk']);

/** The term without its position in the input: what it means. */
function meaning(term: Term): string {
  const { start: _start, end: _end, ...rest } = term;
  return JSON.stringify(rest);
}

/** True when every token matching `next` also matches `prev` (term by term). */
function implies(next: Term, prev: Term): boolean {
  if (meaning(next) === meaning(prev)) return true;
  // A longer positive word: `includes` of the longer folded text implies the shorter's.
  if (next.type !== prev.type || next.negated || prev.negated) return false;
  if (next.type !== 'text' && next.type !== 'name') return false;
  const was = searchFold((prev as typeof next).value);
  // A value of invisible characters only matches by another rule (lib/filter/evaluate.ts).
  return was !== '' && searchFold(next.value).includes(was);
}

const positiveOwners = (q: ParsedQuery) => q.terms.some((t) => t.type === 'owner' && !t.negated);

/**
 * True when `next` matches a subset of what `prev` matched, so that filtering `prev`'s result
 * with `next` equals filtering every token with it.
 */
export function narrows(prev: ParsedQuery, next: ParsedQuery): boolean {
  if (prev.errors.length > 0 || next.errors.length > 0) return false;
  // No terms matches everything: filtering everything again is no narrowing to exploit.
  if (prev.terms.length === 0 || next.terms.length < prev.terms.length) return false;
  if (!next.terms.every((t) => CONTEXT_FREE.has(t.type))) return false;
  for (let i = 0; i < prev.terms.length; i++) {
    if (!implies(next.terms[i] as Term, prev.terms[i] as Term)) return false;
  }
  // Positive `owner:` terms form one OR group: another one widens the group once there is one.
  const added = next.terms.slice(prev.terms.length);
  return !(positiveOwners(prev) && added.some((t) => t.type === 'owner' && !t.negated));
}
