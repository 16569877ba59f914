// Turns one lexed chunk into a typed term, or into an error that says what to write.
import { RISK_LEVELS, type RiskLevel } from '../risk';
import type { RepositorySelection } from '../tokens';
import { parseTimeValue } from './dates';
import type { Chunk } from './lex';
import {
  type IsValue,
  type MemberValue,
  type PermLevel,
  QUALIFIERS,
  type Qualifier,
  type Term,
} from './types';

const USAGE: Record<Qualifier, string> = {
  owner: 'owner: takes a login, e.g. owner:octocat',
  name: 'name: takes text, e.g. name:deploy or name:"two words"',
  repo: 'repo: takes NAME or ORG/NAME, e.g. repo:website',
  perm: 'perm: takes NAME or NAME:LEVEL (read, write or admin), e.g. perm:contents:write',
  access: 'access: takes all, selected or none',
  expires: 'expires: takes <30d, >2026-01-01 or never',
  used: 'used: takes <7d, >90d, <2025-01-01 or never',
  granted: 'granted: takes <2025-01-01, >30d and the like',
  reason: 'reason: takes text, e.g. reason:release or reason:"two words"',
  requested: 'requested: takes <7d, >2026-01-01 and the like',
  is: 'is: takes expired, active, selected, new, changed or gone',
  risk: 'risk: takes high, medium or low',
  member: 'member: takes no, yes or owner',
};

// Words people reach for; only used to suggest the real qualifier.
const ALIASES: Record<string, Qualifier> = {
  user: 'owner',
  login: 'owner',
  author: 'owner',
  token: 'name',
  repository: 'repo',
  repos: 'repo',
  permission: 'perm',
  permissions: 'perm',
  scope: 'perm',
  selection: 'access',
  expiry: 'expires',
  expire: 'expires',
  expired: 'expires',
  expiration: 'expires',
  last_used: 'used',
  lastused: 'used',
  created: 'granted',
  requested_at: 'requested',
  why: 'reason',
  grant: 'granted',
  status: 'is',
  state: 'is',
  level: 'risk',
  membership: 'member',
  members: 'member',
};

const ACCESS: Record<string, RepositorySelection> = {
  all: 'all',
  selected: 'subset',
  subset: 'subset',
  none: 'none',
};
const IS_VALUES: readonly IsValue[] = ['expired', 'active', 'selected', 'new', 'changed', 'gone'];
const MEMBER_VALUES: readonly MemberValue[] = ['no', 'yes', 'owner'];
const LEVELS: readonly PermLevel[] = ['read', 'write', 'admin'];

let scratch = new Int32Array(64);

/** Edit distance (Levenshtein), for suggestions. */
export function distance(a: string, b: string): number {
  // One row, reused: the panel runs this for every known name on each `perm:` keystroke, and a
  // row array per character was a good share of its allocation while typing.
  if (b.length >= scratch.length) scratch = new Int32Array(b.length + 1);
  const row = scratch;
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The known qualifier closest to `key`, if any is close enough to be a typo. */
export function suggestQualifier(key: string): Qualifier | null {
  const alias = ALIASES[key];
  if (alias) return alias;
  let best: Qualifier | null = null;
  let bestDistance = 3;
  for (const q of QUALIFIERS) {
    const d = distance(key, q);
    // Rewriting most of a short key is not a typo: `c:` should not suggest `is:`.
    if (d < bestDistance && d < key.length) {
      best = q;
      bestDistance = d;
    }
  }
  return best;
}

function unknownQualifier(key: string): string {
  const hint = suggestQualifier(key);
  if (hint) return `Unknown qualifier "${key}:". Did you mean "${hint}:"?`;
  const known = QUALIFIERS.map((q) => `${q}:`).join(', ');
  return `Unknown qualifier "${key}:". Use ${known} or put the text in quotes to search for it.`;
}

function commaList(key: Qualifier, value: string): string {
  const terms = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => `${key}:${v}`)
    .join(' ');
  const how = key === 'owner' ? 'repeated owner: terms match any of them' : 'all terms must match';
  return `Commas do not separate values: write ${terms} (${how})`;
}

export type ErrorAt = 'key' | 'value' | 'chunk';
export type ChunkParse = { term: Term } | { error: string; at: ErrorAt };

const err = (error: string, at: ErrorAt = 'value'): ChunkParse => ({ error, at });

function parseQualified(
  key: Qualifier,
  raw: string,
  base: Pick<Term, 'negated' | 'start' | 'end'>,
): ChunkParse {
  const value = key === 'name' || key === 'owner' || key === 'reason' ? raw : raw.trim();
  const lower = value.toLowerCase();
  switch (key) {
    case 'owner':
    case 'name':
    case 'reason':
      return { term: { ...base, type: key, value } };
    case 'repo': {
      const parts = value.split('/');
      if (parts.length > 2 || parts.some((p) => p === '')) return err(USAGE.repo);
      const [first = '', second] = parts;
      return {
        term:
          second === undefined
            ? { ...base, type: 'repo', org: null, name: first }
            : { ...base, type: 'repo', org: first, name: second },
      };
    }
    case 'perm': {
      const [name = '', level, extra] = lower.split(':');
      if (name === '' || extra !== undefined || level === '') return err(USAGE.perm);
      if (level !== undefined && !LEVELS.includes(level as PermLevel)) {
        return err(`Unknown level "${level}": perm: levels are read, write or admin`);
      }
      const permName = name.replaceAll('-', '_');
      return {
        term: {
          ...base,
          type: 'perm',
          name: permName,
          level: level === undefined ? null : (level as PermLevel),
        },
      };
    }
    case 'access': {
      const selection = ACCESS[lower];
      return selection ? { term: { ...base, type: 'access', value: selection } } : err(USAGE.access);
    }
    case 'is':
      return IS_VALUES.includes(lower as IsValue)
        ? { term: { ...base, type: 'is', value: lower as IsValue } }
        : err(USAGE.is);
    case 'risk':
      return RISK_LEVELS.includes(lower as RiskLevel)
        ? { term: { ...base, type: 'risk', value: lower as RiskLevel } }
        : err(USAGE.risk);
    case 'member':
      return MEMBER_VALUES.includes(lower as MemberValue)
        ? { term: { ...base, type: 'member', value: lower as MemberValue } }
        : err(USAGE.member);
    case 'expires':
    case 'used': {
      const time = parseTimeValue(value, true, USAGE[key]);
      return time.ok ? { term: { ...base, type: key, value: time.value } } : err(time.message);
    }
    case 'granted': {
      const time = parseTimeValue(value, false, USAGE.granted);
      if (!time.ok) return err(time.message);
      if (time.value.kind === 'never') return err(USAGE.granted);
      return { term: { ...base, type: 'granted', value: time.value } };
    }
    case 'requested': {
      const time = parseTimeValue(value, false, USAGE.requested);
      if (!time.ok) return err(time.message);
      if (time.value.kind === 'never') return err(USAGE.requested);
      return { term: { ...base, type: 'requested', value: time.value } };
    }
  }
}

/** Parses one chunk into a term, or explains what is wrong with it. */
export function parseChunk(chunk: Chunk): ChunkParse {
  const base = { negated: chunk.negated, start: chunk.start, end: chunk.end };
  if (chunk.unclosedAt >= 0) return err('Unclosed quote: add the closing "', 'chunk');
  if (chunk.key === null) {
    if (chunk.value === '') return err('Empty quotes: put the text to search between them', 'chunk');
    if (!chunk.quoted && chunk.value === '-') {
      return err('Nothing to negate: write the term right after "-", e.g. -owner:octocat', 'chunk');
    }
    return { term: { ...base, type: 'text', value: chunk.value } };
  }
  if (!(QUALIFIERS as readonly string[]).includes(chunk.key)) {
    return err(unknownQualifier(chunk.key), 'key');
  }
  const key = chunk.key as Qualifier;
  if (chunk.value === '') return err(`${key}: needs a value. ${USAGE[key]}`, 'chunk');
  // No login, permission, repository or keyword has a comma: `owner:a,b` is a list typed the
  // wrong way, which would otherwise match nobody without a word. Token names may have one,
  // and a quoted value is taken as typed.
  if (key !== 'name' && !chunk.quoted && chunk.value.includes(',')) return err(commaList(key, chunk.value));
  return parseQualified(key, chunk.value, base);
}

/** Where to underline an error: the open quote onwards, the key, the value or the chunk. */
export function errorSpan(chunk: Chunk, at: ErrorAt, inputLength: number): [number, number] {
  if (chunk.unclosedAt >= 0) return [chunk.unclosedAt, inputLength];
  if (at === 'key') return [chunk.keyStart, chunk.valueStart];
  if (at === 'value') return [chunk.valueStart, chunk.end];
  return [chunk.start, chunk.end];
}
