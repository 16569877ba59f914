// Editing helpers for facet menus. The text box is the source of truth: these functions
// rewrite its text, touching only the terms they are about and keeping the rest as typed.

import { parseChunk } from './chunk';
import { timeValueToString } from './dates';
import { type Chunk, isSpace, lexQuery } from './lex';
import type { ParsedQuery, Qualifier, Term } from './types';

function needsQuotes(value: string, bare: boolean): boolean {
  // A comma outside quotes reads as a mistyped list (chunk.ts), so a value with one is quoted.
  if (value === '' || value.includes('"') || value.includes(',')) return true;
  for (const ch of value) if (isSpace(ch)) return true;
  // A bare word that looks like `-term` or `key:value` would be read as one.
  return bare && (value.startsWith('-') || /^[A-Za-z_]+:/.test(value));
}

/** A value as the lexer reads it back: quoted (with `\"`, `\\`) only when it has to be. */
export function formatValue(value: string, bare = false): string {
  if (!needsQuotes(value, bare)) return value;
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** `owner:octocat`, `-name:"two words"`, or a bare word/phrase when qualifier is null. */
export function formatTerm(qualifier: Qualifier | null, value: string, negated = false): string {
  const body = qualifier === null ? formatValue(value, true) : `${qualifier}:${formatValue(value)}`;
  return negated ? `-${body}` : body;
}

function termValue(term: Term): string {
  switch (term.type) {
    case 'text':
    case 'owner':
    case 'name':
    case 'reason':
      return term.value;
    case 'repo':
      return term.org === null ? term.name : `${term.org}/${term.name}`;
    case 'perm':
      return term.level === null ? term.name : `${term.name}:${term.level}`;
    case 'access':
      return term.value === 'subset' ? 'selected' : term.value;
    case 'expires':
    case 'used':
    case 'granted':
    case 'requested':
      return timeValueToString(term.value);
    case 'is':
    case 'risk':
    case 'member':
      return term.value;
  }
}

/** The canonical text of a term; parsing it gives the same term back. */
export function termToString(term: Term): string {
  return formatTerm(term.type === 'text' ? null : term.type, termValue(term), term.negated);
}

export function queryToString(query: ParsedQuery | readonly Term[]): string {
  const terms = 'terms' in query ? query.terms : query;
  return terms.map(termToString).join(' ');
}

// Chunks that mean the same thing compare equal: `access:subset` = `access:selected`,
// `Owner:Alice` = `owner:alice`. Invalid chunks compare by their text.
function canonical(chunk: Chunk): string {
  const parsed = parseChunk(chunk);
  if ('term' in parsed) return termToString({ ...parsed.term, negated: false }).toLowerCase();
  return `${chunk.key ?? ''}:${chunk.value}`.toLowerCase();
}

interface Item {
  text: string;
  /** Whitespace before the item in the input (used unless it becomes the first). */
  sep: string;
  unclosed: boolean;
}

/**
 * Drops the chunks `remove` picks and, when `insert` is given, puts it where the first
 * dropped chunk was, or at the end (before a trailing unclosed quote, which would
 * otherwise swallow it).
 */
function rewrite(input: string, remove: (chunk: Chunk) => boolean, insert: string | null): string {
  const chunks = lexQuery(input);
  const items: Item[] = [];
  let placed = insert === null;
  let prevEnd = chunks[0]?.start ?? input.length;
  for (const chunk of chunks) {
    const sep = input.slice(prevEnd, chunk.start);
    prevEnd = chunk.end;
    if (!remove(chunk)) {
      items.push({ text: input.slice(chunk.start, chunk.end), sep, unclosed: chunk.unclosedAt >= 0 });
    } else if (!placed && insert !== null) {
      items.push({ text: insert, sep, unclosed: false });
      placed = true;
    }
  }
  if (!placed && insert !== null) {
    const last = items[items.length - 1];
    if (last?.unclosed) items.splice(items.length - 1, 0, { text: insert, sep: last.sep, unclosed: false });
    else items.push({ text: insert, sep: ' ', unclosed: false });
    if (last?.unclosed) last.sep = ' ';
  }
  const leading = input.slice(0, chunks[0]?.start ?? input.length);
  const trailing = input.slice(prevEnd);
  const body = items.map((item, i) => (i === 0 ? item.text : item.sep + item.text)).join('');
  const out = leading + body + trailing;
  return out.trim() === '' ? '' : out;
}

/**
 * Sets the one value of a qualifier: removes every `qualifier:` term (negated or not,
 * valid or not) and, unless value is null, writes `qualifier:value` where the first one
 * was, or at the end. For single-valued facets (access, risk, expires, used, granted);
 * use toggleTerm for the ones that combine (owner, is, perm, repo).
 */
export function setQualifier(
  input: string,
  qualifier: Qualifier,
  value: string | null,
  negated = false,
): string {
  const text = value === null ? null : formatTerm(qualifier, value, negated);
  return rewrite(input, (chunk) => chunk.key === qualifier, text);
}

/**
 * Adds one term (text such as `owner:alice` or `-risk:low`), or removes it when the query
 * already has it in any spelling. A term of the opposite sign is replaced in place.
 */
export function toggleTerm(input: string, term: string): string {
  const wanted = lexQuery(term)[0];
  if (!wanted) return input;
  const key = canonical(wanted);
  const chunks = lexQuery(input);
  const present = chunks.some((c) => c.negated === wanted.negated && canonical(c) === key);
  if (present) {
    return rewrite(input, (c) => c.negated === wanted.negated && canonical(c) === key, null);
  }
  const text = term.slice(wanted.start, wanted.end);
  return rewrite(input, (c) => canonical(c) === key, text);
}

/** Whether the query has this term (in any spelling, with the same sign). */
export function hasTerm(input: string, term: string): boolean {
  const wanted = lexQuery(term)[0];
  if (!wanted) return false;
  const key = canonical(wanted);
  return lexQuery(input).some((c) => c.negated === wanted.negated && canonical(c) === key);
}

/** The values written for a qualifier, as typed, for showing a facet's checked items. */
export function qualifierValues(input: string, qualifier: Qualifier): { value: string; negated: boolean }[] {
  return lexQuery(input)
    .filter((c) => c.key === qualifier && c.unclosedAt < 0)
    .map((c) => ({ value: c.value, negated: c.negated }));
}
