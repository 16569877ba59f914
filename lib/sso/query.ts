// The SSO credentials tab's filter language: the panel's lexer, time values and error spans
// (lib/filter), with the qualifiers of PRODUCT.md "SSO credentials": owner:, type:, scope:,
// used:, expires:, authorized:, plus risk:, bare words and `-`. Errors match nothing.
import { parseTimeValue } from '../filter/dates';
import { type Chunk, lexQuery } from '../filter/lex';
import type { QueryError, TimeComparison, TimeValue } from '../filter/types';
import { RISK_LEVELS, type RiskLevel } from '../risk';
import type { CredentialKind } from './credential';

interface Base {
  negated: boolean;
  start: number;
  end: number;
}

export type SsoTerm = Base &
  (
    | { type: 'text'; value: string }
    | { type: 'owner'; value: string }
    | { type: 'type'; value: CredentialKind }
    | { type: 'scope'; value: string }
    | { type: 'used' | 'expires'; value: TimeValue }
    | { type: 'authorized'; value: TimeComparison }
    | { type: 'risk'; value: RiskLevel }
  );

export interface SsoQuery {
  terms: SsoTerm[];
  errors: QueryError[];
}

export const SSO_QUALIFIERS = ['owner', 'type', 'scope', 'used', 'expires', 'authorized', 'risk'] as const;
type SsoQualifier = (typeof SSO_QUALIFIERS)[number];

const USAGE: Record<SsoQualifier, string> = {
  owner: 'owner: takes a login, e.g. owner:octocat',
  type: 'type: takes pat, ssh, oauth or app',
  scope: 'scope: takes a classic scope, e.g. scope:repo or scope:admin:org',
  used: 'used: takes <7d, >90d, <2025-01-01 or never',
  expires: 'expires: takes <30d, >2026-01-01 or never',
  authorized: 'authorized: takes <2025-01-01, >30d and the like',
  risk: 'risk: takes high, medium or low',
};
const KINDS: readonly CredentialKind[] = ['pat', 'ssh', 'oauth', 'app'];

type Parsed = { term: SsoTerm } | { error: string; at: 'key' | 'value' | 'chunk' };

function parseQualified(key: SsoQualifier, raw: string, base: Base): Parsed {
  const value = key === 'owner' ? raw : raw.trim();
  const lower = value.toLowerCase();
  if (key !== 'authorized' && key !== 'used' && key !== 'expires' && value.includes(',')) {
    return {
      error: `${key}: takes one value; repeat the qualifier instead (${key}:a ${key}:b)`,
      at: 'value',
    };
  }
  switch (key) {
    case 'owner':
      return { term: { ...base, type: 'owner', value } };
    case 'scope':
      return { term: { ...base, type: 'scope', value: lower } };
    case 'type':
      return KINDS.includes(lower as CredentialKind)
        ? { term: { ...base, type: 'type', value: lower as CredentialKind } }
        : { error: USAGE.type, at: 'value' };
    case 'risk':
      return RISK_LEVELS.includes(lower as RiskLevel)
        ? { term: { ...base, type: 'risk', value: lower as RiskLevel } }
        : { error: USAGE.risk, at: 'value' };
    case 'used':
    case 'expires': {
      const time = parseTimeValue(value, true, USAGE[key]);
      return time.ok
        ? { term: { ...base, type: key, value: time.value } }
        : { error: time.message, at: 'value' };
    }
    case 'authorized': {
      const time = parseTimeValue(value, false, USAGE.authorized);
      if (!time.ok) return { error: time.message, at: 'value' };
      if (time.value.kind === 'never') return { error: USAGE.authorized, at: 'value' };
      return { term: { ...base, type: 'authorized', value: time.value } };
    }
  }
}

function parseChunk(chunk: Chunk): Parsed {
  const base = { negated: chunk.negated, start: chunk.start, end: chunk.end };
  if (chunk.unclosedAt >= 0) return { error: 'Unclosed quote: add the closing "', at: 'chunk' };
  if (chunk.key === null) {
    if (chunk.value === '')
      return { error: 'Empty quotes: put the text to search between them', at: 'chunk' };
    if (!chunk.quoted && chunk.value === '-') {
      return { error: 'Nothing to negate: write the term right after "-", e.g. -type:ssh', at: 'chunk' };
    }
    return { term: { ...base, type: 'text', value: chunk.value } };
  }
  if (!(SSO_QUALIFIERS as readonly string[]).includes(chunk.key)) {
    const known = SSO_QUALIFIERS.map((q) => `${q}:`).join(', ');
    return { error: `Unknown qualifier "${chunk.key}:". Use ${known} or put the text in quotes.`, at: 'key' };
  }
  const key = chunk.key as SsoQualifier;
  if (chunk.value === '') return { error: `${key}: needs a value. ${USAGE[key]}`, at: 'chunk' };
  return parseQualified(key, chunk.value, base);
}

function span(chunk: Chunk, at: 'key' | 'value' | 'chunk', length: number): [number, number] {
  if (chunk.unclosedAt >= 0) return [chunk.unclosedAt, length];
  if (at === 'key') return [chunk.keyStart, chunk.valueStart];
  if (at === 'value') return [chunk.valueStart, chunk.end];
  return [chunk.start, chunk.end];
}

export function parseSsoQuery(input: string): SsoQuery {
  const terms: SsoTerm[] = [];
  const errors: QueryError[] = [];
  for (const chunk of lexQuery(input)) {
    const parsed = parseChunk(chunk);
    if ('term' in parsed) terms.push(parsed.term);
    else {
      const [start, end] = span(chunk, parsed.at, input.length);
      errors.push({ message: parsed.error, start, end });
    }
  }
  return { terms, errors };
}
