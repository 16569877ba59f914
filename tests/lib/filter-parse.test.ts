import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatTerm,
  hasTerm,
  parseQuery,
  qualifierValues,
  queryToString,
  setQualifier,
  suggestQualifier,
  type Term,
  termToString,
  toggleTerm,
} from '../../lib/filter/parse';

const DAY = 86_400_000;

/** The terms without offsets, for comparing meaning. */
const strip = (terms: Term[]) => terms.map(({ start: _s, end: _e, ...rest }) => rest);

function only(input: string): Omit<Term, 'start' | 'end'> {
  const { terms, errors } = parseQuery(input);
  expect(errors).toEqual([]);
  expect(terms).toHaveLength(1);
  return strip(terms)[0] as Omit<Term, 'start' | 'end'>;
}

describe('parseQuery: text', () => {
  it('parses nothing from an empty or blank input', () => {
    expect(parseQuery('')).toEqual({ terms: [], errors: [] });
    expect(parseQuery('  \t \n ')).toEqual({ terms: [], errors: [] });
  });

  it('splits bare words on any whitespace and keeps offsets', () => {
    expect(parseQuery(' deploy\tci  bot')).toEqual({
      terms: [
        { type: 'text', value: 'deploy', negated: false, start: 1, end: 7 },
        { type: 'text', value: 'ci', negated: false, start: 8, end: 10 },
        { type: 'text', value: 'bot', negated: false, start: 12, end: 15 },
      ],
      errors: [],
    });
  });

  it.each([
    ['"two words"', { type: 'text', value: 'two words', negated: false }],
    ['-"two words"', { type: 'text', value: 'two words', negated: true }],
    ['-deploy', { type: 'text', value: 'deploy', negated: true }],
    ['"owner:alice"', { type: 'text', value: 'owner:alice', negated: false }],
    ['"-x"', { type: 'text', value: '-x', negated: false }],
    ['ci-bot', { type: 'text', value: 'ci-bot', negated: false }],
    ['--x', { type: 'text', value: '-x', negated: true }],
    ['"say \\"hi\\""', { type: 'text', value: 'say "hi"', negated: false }],
    ['"back\\\\slash"', { type: 'text', value: 'back\\slash', negated: false }],
    ['"C:\\path"', { type: 'text', value: 'C:\\path', negated: false }],
    ['a"b c"d', { type: 'text', value: 'ab cd', negated: false }],
    [':colon', { type: 'text', value: ':colon', negated: false }],
    ['v1.2:3', { type: 'text', value: 'v1.2:3', negated: false }],
    ['Ünïcødé‮', { type: 'text', value: 'Ünïcødé‮', negated: false }],
  ])('%s is a text term', (input, expected) => {
    expect(only(input)).toEqual(expected);
  });

  it('gives a quoted term the offsets of its quotes and its sign', () => {
    expect(parseQuery('x -"a b"').terms[1]).toMatchObject({ start: 2, end: 8 });
  });
});

describe('parseQuery: qualifiers', () => {
  it.each<[string, object]>([
    ['owner:alice', { type: 'owner', value: 'alice' }],
    ['OWNER:Alice', { type: 'owner', value: 'Alice' }],
    ['-owner:bob', { type: 'owner', value: 'bob', negated: true }],
    ['name:deploy', { type: 'name', value: 'deploy' }],
    ['name:"two words"', { type: 'name', value: 'two words' }],
    ['Name:" padded "', { type: 'name', value: ' padded ' }],
    ['name:" "', { type: 'name', value: ' ' }],
    ['name:-x', { type: 'name', value: '-x' }],
    ['name:a:b', { type: 'name', value: 'a:b' }],
    ['repo:website', { type: 'repo', org: null, name: 'website' }],
    ['repo:Acme/Website', { type: 'repo', org: 'Acme', name: 'Website' }],
    ['perm:contents', { type: 'perm', name: 'contents', level: null }],
    ['perm:contents:write', { type: 'perm', name: 'contents', level: 'write' }],
    ['PERM:Pull-Requests:ADMIN', { type: 'perm', name: 'pull_requests', level: 'admin' }],
    ['perm:future_thing:read', { type: 'perm', name: 'future_thing', level: 'read' }],
    ['access:all', { type: 'access', value: 'all' }],
    ['access:selected', { type: 'access', value: 'subset' }],
    ['access:subset', { type: 'access', value: 'subset' }],
    ['access:NONE', { type: 'access', value: 'none' }],
    ['is:expired', { type: 'is', value: 'expired' }],
    ['is:Active', { type: 'is', value: 'active' }],
    ['IS:SELECTED', { type: 'is', value: 'selected' }],
    ['risk:high', { type: 'risk', value: 'high' }],
    ['risk:Medium', { type: 'risk', value: 'medium' }],
    ['-risk:low', { type: 'risk', value: 'low', negated: true }],
    ['expires:never', { type: 'expires', value: { kind: 'never' } }],
    ['used:NEVER', { type: 'used', value: { kind: 'never' } }],
  ])('%s', (input, expected) => {
    expect(only(input)).toEqual({ negated: false, ...expected });
  });

  it.each<[string, string, number, string]>([
    ['<30d', '<', 30, 'd'],
    ['<=2w', '<=', 2, 'w'],
    ['>1m', '>', 1, 'm'],
    ['>=1y', '>=', 1, 'y'],
    ['<0d', '<', 0, 'd'],
    ['>90D', '>', 90, 'd'],
  ])('relative %s in expires:, used: and granted:', (text, op, amount, unit) => {
    const days = { d: 1, w: 7, m: 30, y: 365 }[unit] ?? NaN;
    for (const q of ['expires', 'used', 'granted'] as const) {
      expect(only(`${q}:${text}`)).toEqual({
        type: q,
        negated: false,
        value: { kind: 'relative', op, amount, unit, ms: amount * days * DAY },
      });
    }
  });

  it.each<[string, string]>([
    ['<2026-01-01', '<'],
    ['<=2026-01-01', '<='],
    ['>2026-01-01', '>'],
    ['>=2026-01-01', '>='],
    ['2026-01-01', '='],
  ])('absolute %s is the whole UTC day', (text, op) => {
    for (const q of ['expires', 'used', 'granted'] as const) {
      expect(only(`${q}:${text}`)).toEqual({
        type: q,
        negated: false,
        value: { kind: 'date', op, date: '2026-01-01', dayStart: Date.UTC(2026, 0, 1) },
      });
    }
  });

  it('accepts a leap day and a quoted value', () => {
    expect(only('granted:"<=2024-02-29"')).toMatchObject({
      value: { kind: 'date', dayStart: Date.UTC(2024, 1, 29) },
    });
  });

  it('keeps every term of a long query, in order', () => {
    const q = parseQuery('deploy -owner:bob repo:acme/web perm:secrets:write is:active risk:high');
    expect(q.errors).toEqual([]);
    expect(q.terms.map((t) => t.type)).toEqual(['text', 'owner', 'repo', 'perm', 'is', 'risk']);
    expect(q.terms[1]).toMatchObject({ negated: true, start: 7, end: 17 });
  });
});

describe('parseQuery: errors', () => {
  it.each<[string, string | RegExp, number, number]>([
    ['ownr:alice', 'Unknown qualifier "ownr:". Did you mean "owner:"?', 0, 5],
    ['x -usr:1', 'Unknown qualifier "usr:". Did you mean "used:"?', 3, 7],
    ['user:alice', 'Unknown qualifier "user:". Did you mean "owner:"?', 0, 5],
    ['Permission:x', 'Unknown qualifier "permission:". Did you mean "perm:"?', 0, 11],
    ['expire:<3d', 'Unknown qualifier "expire:". Did you mean "expires:"?', 0, 7],
    ['http://example.com', /^Unknown qualifier "http:"\. Use owner:, name:.*put the text in quotes/, 0, 5],
    ['C:\\path', /^Unknown qualifier "c:"\. Use owner:/, 0, 2],
    ['owner:', 'owner: needs a value. owner: takes a login, e.g. owner:octocat', 0, 6],
    ['name:""', /^name: needs a value/, 0, 7],
    ['repo:  ', /^repo: needs a value/, 0, 5],
    ['repo:a/b/c', 'repo: takes NAME or ORG/NAME, e.g. repo:website', 5, 10],
    ['repo:/web', /^repo: takes NAME or ORG\/NAME/, 5, 9],
    ['repo:acme/', /^repo: takes NAME or ORG\/NAME/, 5, 10],
    ['perm:contents:owner', 'Unknown level "owner": perm: levels are read, write or admin', 5, 19],
    ['perm:a:b:c', /^perm: takes NAME or NAME:LEVEL/, 5, 10],
    ['perm::write', /^perm: takes NAME or NAME:LEVEL/, 5, 11],
    ['perm:contents:', /^perm: takes NAME or NAME:LEVEL/, 5, 14],
    ['access:public', 'access: takes all, selected or none', 7, 13],
    ['is:old', 'is: takes expired, active, selected, new, changed or gone', 3, 6],
    ['risk:critical', 'risk: takes high, medium or low', 5, 13],
    ['expires:soon', 'expires: takes <30d, >2026-01-01 or never', 8, 12],
    ['expires:<30h', /^Durations use d, w, m \(30 days\) or y \(365 days\)\. expires: takes/, 8, 12],
    ['expires:30d', 'Add a comparison: <30d or >30d', 8, 11],
    ['expires:<2025-02-30', '2025-02-30 is not a date (YYYY-MM-DD)', 8, 19],
    ['expires:<2025-1-1', 'expires: takes <30d, >2026-01-01 or never', 8, 17],
    ['expires:=2025-01-01', 'expires: takes <30d, >2026-01-01 or never', 8, 19],
    ['expires:<<3d', 'expires: takes <30d, >2026-01-01 or never', 8, 12],
    ['expires:<-3d', 'expires: takes <30d, >2026-01-01 or never', 8, 12],
    ['used:sometime', 'used: takes <7d, >90d, <2025-01-01 or never', 5, 13],
    ['used:<9999999d', '9999999d is too far away', 5, 14],
    ['granted:never', 'granted: takes <2025-01-01, >30d and the like', 8, 13],
    ['granted:<2025-13-01', '2025-13-01 is not a date (YYYY-MM-DD)', 8, 19],
    ['"unclosed phrase', 'Unclosed quote: add the closing "', 0, 16],
    ['ok name:"open', 'Unclosed quote: add the closing "', 8, 13],
    ['""', 'Empty quotes: put the text to search between them', 0, 2],
    ['a - b', /^Nothing to negate/, 2, 3],
    ['a -', /^Nothing to negate/, 2, 3],
  ])('%s', (input, message, start, end) => {
    const { errors } = parseQuery(input);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error?.message).toMatch(message);
    expect([error?.start, error?.end]).toEqual([start, end]);
  });

  it('reports every bad term and still parses the good ones', () => {
    const q = parseQuery('deploy foo:1 is:nope owner:alice');
    expect(q.errors.map((e) => e.start)).toEqual([7, 16]);
    expect(q.terms.map((t) => t.type)).toEqual(['text', 'owner']);
  });

  it('suggests only close qualifiers', () => {
    expect(suggestQualifier('repos')).toBe('repo');
    expect(suggestQualifier('risc')).toBe('risk');
    expect(suggestQualifier('granted')).toBe('granted');
    expect(suggestQualifier('xyzzyq')).toBeNull();
  });
});

describe('termToString / queryToString', () => {
  it.each([
    ['owner:alice', 'owner:alice'],
    ['-NAME:"two words"', '-name:"two words"'],
    ['access:subset', 'access:selected'],
    ['expires:2026-01-01', 'expires:2026-01-01'],
    ['used:>=2W', 'used:>=2w'],
    ['"owner:alice"', '"owner:alice"'],
    ['"-x"', '"-x"'],
    ['perm:Pull-Requests:WRITE', 'perm:pull_requests:write'],
    ['repo:acme/web', 'repo:acme/web'],
    ['"a \\"q\\" \\\\"', '"a \\"q\\" \\\\"'],
  ])('%s -> %s', (input, expected) => {
    expect(queryToString(parseQuery(input))).toBe(expected);
  });

  it('joins terms with single spaces', () => {
    expect(queryToString(parseQuery('  a   -b\tis:active '))).toBe('a -b is:active');
  });

  it('round-trips any text term and qualifier value', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', 'Z', ' ', '\t', '"', '\\', '-', ':', 'é', '\u202e'),
      fc.string({ minLength: 1, maxLength: 1 }),
    );
    const word = fc.string({ unit, minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            type: fc.constantFrom('text', 'name', 'owner'),
            value: word,
            negated: fc.boolean(),
          }),
          { maxLength: 5 },
        ),
        (raw) => {
          const terms = raw.map((t) => ({ ...t, start: 0, end: 0 }) as Term);
          const again = parseQuery(queryToString(terms));
          expect(again.errors).toEqual([]);
          expect(strip(again.terms)).toEqual(strip(terms));
        },
      ),
    );
  });

  it('formats terms for facet menus', () => {
    expect(formatTerm('owner', 'alice')).toBe('owner:alice');
    expect(formatTerm('name', 'two words', true)).toBe('-name:"two words"');
    expect(formatTerm(null, 'is:active')).toBe('"is:active"');
    expect(formatTerm(null, '')).toBe('""');
    expect(termToString({ type: 'is', value: 'selected', negated: true, start: 0, end: 0 })).toBe(
      '-is:selected',
    );
  });
});

describe('setQualifier', () => {
  it.each<[string, Parameters<typeof setQualifier>[1], string | null, string]>([
    ['', 'access', 'all', 'access:all'],
    ['deploy', 'access', 'all', 'deploy access:all'],
    ['deploy access:none bot', 'access', 'all', 'deploy access:all bot'],
    ['a access:none b -access:all c', 'access', 'selected', 'a access:selected b c'],
    ['a ACCESS:bogus b', 'access', 'none', 'a access:none b'],
    ['a  access:none\tb', 'access', null, 'a\tb'],
    ['access:none b', 'access', null, 'b'],
    ['b access:none', 'access', null, 'b'],
    ['access:none', 'access', null, ''],
    ['  x  ', 'risk', 'high', '  x risk:high  '],
    ['x "unclosed', 'risk', 'high', 'x risk:high "unclosed'],
    ['"unclosed', 'risk', 'high', 'risk:high "unclosed'],
    ['x name:"open', 'name', 'two words', 'x name:"two words"'],
    ['expires:<30d is:active', 'expires', '>2026-01-01', 'expires:>2026-01-01 is:active'],
    ['owner:a "owner:b" owner:c', 'owner', 'd', 'owner:d "owner:b"'],
  ])('%j set %s to %j', (input, qualifier, value, expected) => {
    expect(setQualifier(input, qualifier, value)).toBe(expected);
  });

  it('writes a negated value when asked', () => {
    expect(setQualifier('x risk:low', 'risk', 'low', true)).toBe('x -risk:low');
  });
});

describe('toggleTerm / hasTerm / qualifierValues', () => {
  it.each<[string, string, string]>([
    ['', 'owner:alice', 'owner:alice'],
    ['deploy', 'owner:alice', 'deploy owner:alice'],
    ['deploy owner:alice x', 'owner:alice', 'deploy x'],
    ['owner:Alice owner:bob', 'owner:alice', 'owner:bob'],
    ['owner:bob', 'owner:alice', 'owner:bob owner:alice'],
    ['a -owner:alice b', 'owner:alice', 'a owner:alice b'],
    ['a owner:alice b', '-owner:alice', 'a -owner:alice b'],
    ['access:subset', 'access:selected', ''],
    ['perm:pull-requests:WRITE', 'perm:pull_requests:write', ''],
    ['is:active', 'is:selected', 'is:active is:selected'],
    ['"two words"', '"Two Words"', ''],
    ['"open', 'is:selected', 'is:selected "open'],
    ['x', '', 'x'],
  ])('%j toggle %j', (input, term, expected) => {
    expect(toggleTerm(input, term)).toBe(expected);
  });

  it('toggles back to the original text', () => {
    const input = 'deploy  -risk:low\tused:>90d';
    expect(toggleTerm(toggleTerm(input, 'owner:alice'), 'owner:alice')).toBe(input);
  });

  it.each<[string, string, boolean]>([
    ['owner:Alice', 'owner:alice', true],
    ['-owner:alice', 'owner:alice', false],
    ['-owner:alice', '-owner:alice', true],
    ['expires:<30D', 'expires:<30d', true],
    ['expires:<30d', 'expires:<=30d', false],
    ['', 'is:active', false],
    ['x', '', false],
  ])('hasTerm(%j, %j) = %s', (input, term, expected) => {
    expect(hasTerm(input, term)).toBe(expected);
  });

  it('lists the values of a qualifier as typed', () => {
    expect(qualifierValues('owner:Alice -owner:bob x "owner:c" owner:"d e" owner:"f', 'owner')).toEqual([
      { value: 'Alice', negated: false },
      { value: 'bob', negated: true },
      { value: 'd e', negated: false },
    ]);
  });
});
