// Evaluates an SSO query (query.ts) over credentials, with the panel's exact time semantics
// (lib/filter/dates): `expires:` counts into the future, `used:` and `authorized:` into the
// past; "not used since" ranges include never-used credentials; one that never expires
// satisfies no `expires:` comparison. Positive `owner:` terms form one OR group.
import { inRange, timeRange } from '../filter/dates';
import { searchFold } from '../text';
import type { SsoCredential } from './credential';
import { parseSsoQuery, type SsoQuery, type SsoTerm } from './query';
import { ssoRiskOf } from './risk';

type Predicate = (c: SsoCredential) => boolean;

/** What bare words search: the owner, the note or title, the last eight, the fingerprint. */
function haystack(c: SsoCredential): string {
  return searchFold([c.login, c.label ?? '', c.lastEight ?? '', c.fingerprint ?? ''].join('\n'));
}

function predicate(term: SsoTerm, now: number): Predicate {
  switch (term.type) {
    case 'text': {
      const v = searchFold(term.value);
      return (c) => haystack(c).includes(v);
    }
    case 'owner': {
      const v = searchFold(term.value);
      return (c) => searchFold(c.login) === v;
    }
    case 'type': {
      const v = term.value;
      return (c) => c.kind === v;
    }
    case 'scope': {
      const v = term.value;
      return (c) => c.scopes.some((s) => s.toLowerCase() === v);
    }
    case 'risk': {
      const v = term.value;
      return (c) => ssoRiskOf(c, now) === v;
    }
    case 'expires': {
      if (term.value.kind === 'never') return (c) => c.expiresAt === null;
      const range = timeRange(term.value, 'future', now);
      return (c) => c.expiresAt !== null && inRange(c.expiresAt, range);
    }
    case 'used': {
      if (term.value.kind === 'never') return (c) => c.accessedAt === null;
      const range = timeRange(term.value, 'past', now);
      const neverBelongs = range.lo === -Infinity;
      return (c) => (c.accessedAt === null ? neverBelongs : inRange(c.accessedAt, range));
    }
    case 'authorized': {
      const range = timeRange(term.value, 'past', now);
      return (c) => c.authorizedAt !== null && inRange(c.authorizedAt, range);
    }
  }
}

export function compileSsoQuery(query: SsoQuery, now: number): Predicate {
  if (query.errors.length > 0) return () => false;
  const preds: Predicate[] = [];
  const owners = new Set<string>();
  for (const term of query.terms) {
    if (term.type === 'owner' && !term.negated) {
      owners.add(searchFold(term.value));
      continue;
    }
    const p = predicate(term, now);
    preds.push(term.negated ? (c) => !p(c) : p);
  }
  if (owners.size > 0) preds.unshift((c) => owners.has(searchFold(c.login)));
  return (c) => preds.every((p) => p(c));
}

export function filterCredentials(
  credentials: readonly SsoCredential[],
  query: SsoQuery | string,
  now: number,
): SsoCredential[] {
  const parsed = typeof query === 'string' ? parseSsoQuery(query) : query;
  return credentials.filter(compileSsoQuery(parsed, now));
}
