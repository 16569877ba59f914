// Queries in the panel's language (lib/filter/), checked before anything is sent: an invalid
// one is a usage error, never a filter that silently matches everything or nothing.
import { filterTokens, queryNeedsRepositories } from '../filter/evaluate';
import { withMembership } from '../filter/member';
import { type ParsedQuery, parseQuery } from '../filter/parse';
import { withoutReview } from '../filter/review-terms';
import type { Token } from '../tokens';
import { UsageError } from './exit';

export interface CheckedQuery {
  text: string;
  parsed: ParsedQuery;
  needsRepositories: boolean;
}

export function checkQuery(text: string, flag: string): CheckedQuery {
  // The CLI does not read membership: member: is an error that says so, not an empty result.
  // Nor does it keep a review baseline: is:new|changed|gone likewise.
  const parsed = withoutReview(
    withMembership(parseQuery(text), null, 'The command line does not read it yet: use the panel.'),
    'The command line keeps no review baseline: use the Active tokens panel.',
  );
  const [first] = parsed.errors;
  if (first) {
    const term = text.slice(first.start, first.end);
    throw new UsageError(`${flag} "${text}": ${first.message}${term ? ` (at "${term}")` : ''}`);
  }
  return { text, parsed, needsRepositories: queryNeedsRepositories(parsed) };
}

export function matching(
  tokens: readonly Token[],
  query: CheckedQuery,
  org: string,
  repositories: ReadonlyMap<number, readonly string[]>,
  now: number,
): Token[] {
  return filterTokens(tokens, query.parsed, { now, selected: new Set(), repositories, org });
}
