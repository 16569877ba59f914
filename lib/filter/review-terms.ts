// `is:new`, `is:changed` and `is:gone` compare with an org's review baseline, which only the
// Active tokens panel reads (lib/changes.ts). Elsewhere (the popup across orgs, pending
// requests, the command line) this turns them into errors that say where they work, as
// lib/filter/member.ts does for `member:`, instead of a filter that silently matches nothing.
import type { ParsedQuery } from './types';

export const REVIEW_VALUES: ReadonlySet<string> = new Set(['new', 'changed', 'gone']);

export const REVIEW_PANEL_ONLY =
  "It compares with the org's last review, which the Active tokens panel keeps: filter there.";

/** True when the query has an `is:new`, `is:changed` or `is:gone` term. */
export function usesReview(parsed: ParsedQuery): boolean {
  return parsed.terms.some((t) => t.type === 'is' && REVIEW_VALUES.has(t.value));
}

/** `parsed` with an error on each `is:new|changed|gone` term, saying why and where it works. */
export function withoutReview(parsed: ParsedQuery, why: string = REVIEW_PANEL_ONLY): ParsedQuery {
  const terms = parsed.terms.filter((t) => t.type === 'is' && REVIEW_VALUES.has(t.value));
  if (terms.length === 0) return parsed;
  const errors = terms.map((t) => ({
    message: `is:${t.type === 'is' ? t.value : ''} needs a review baseline. ${why}`,
    start: t.start,
    end: t.end,
  }));
  return { terms: parsed.terms, errors: [...parsed.errors, ...errors] };
}
