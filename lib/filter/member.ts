// `member:` needs the org's membership, which only an App with "Members: read" can list. The
// parser cannot know that; this adds the reason to the query's errors where membership is
// unknown, so the box says what to do instead of showing an empty result.
import type { MemberRole } from '../members';
import { MEMBERS_PERMISSION_HELP } from '../members';
import type { ParsedQuery } from './types';

/** `parsed` with an error on each `member:` term when `roles` is null (membership unknown). */
export function withMembership(
  parsed: ParsedQuery,
  roles: ReadonlyMap<string, MemberRole> | null,
  why = "PATrol has not read the organization's members yet.",
): ParsedQuery {
  if (roles) return parsed;
  const terms = parsed.terms.filter((t) => t.type === 'member');
  if (terms.length === 0) return parsed;
  const errors = terms.map((t) => ({
    message: `member: needs the organization's membership. ${why}`,
    start: t.start,
    end: t.end,
  }));
  return { terms: parsed.terms, errors: [...parsed.errors, ...errors] };
}

/** The reason given when GitHub refused to list members. */
export const MEMBERS_UNAVAILABLE = `The GitHub App may not read members. ${MEMBERS_PERMISSION_HELP}`;

/** Where membership is not read (the popup across orgs, pending requests, the CLI). */
export const MEMBERS_PANEL_ONLY =
  "It is read per organization in the Active tokens panel: filter there (open the org's Active tokens page).";
