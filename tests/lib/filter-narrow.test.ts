// Narrowing (lib/filter/narrow.ts): a keystroke that only narrows the query filters the previous
// rows. Checked two ways: which query pairs count as narrowing, and that the panel's deriver,
// typing every prefix of many queries, always shows exactly what a fresh filter of every token
// shows (so narrowing never changes a result, only its cost).
import { describe, expect, it, vi } from 'vitest';
import { createDeriver } from '../../components/panel/derive';
import { filterTokens, matchPositions } from '../../lib/filter/evaluate';
import { narrows } from '../../lib/filter/narrow';
import { parseQuery } from '../../lib/filter/parse';
import type { Token } from '../../lib/tokens';
import { makeToken, perm } from './token-factory';

// The real filter, watched: which positions the deriver asks it to re-check.
vi.mock('../../lib/filter/evaluate', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/filter/evaluate')>();
  return { ...actual, matchPositions: vi.fn(actual.matchPositions) };
});

const NOW = Date.parse('2026-03-01T00:00:00Z');
const n = (a: string, b: string) => narrows(parseQuery(a), parseQuery(b));

describe('narrows', () => {
  it('holds when a word grows or a context-free term is added', () => {
    expect(n('dep', 'depl')).toBe(true);
    expect(n('dep', 'xdepx')).toBe(true);
    expect(n('name:ci', 'name:cid')).toBe(true);
    expect(n('deploy', 'deploy risk:high')).toBe(true);
    expect(n('deploy', 'deploy perm:contents:write -access:all')).toBe(true);
    expect(n('owner:alice', 'owner:alice deploy')).toBe(true);
    expect(n('deploy', 'deploy owner:alice')).toBe(true);
    expect(n('-ci', '-ci')).toBe(true);
  });

  it('does not hold when the query may match more or reads a context', () => {
    expect(n('', 'd')).toBe(false);
    expect(n('depl', 'dep')).toBe(false);
    expect(n('dep', 'dxp')).toBe(false);
    expect(n('-dep', '-depl')).toBe(false);
    expect(n('deploy ci', 'deploy')).toBe(false);
    // Positive owner: terms are one OR group.
    expect(n('owner:alice', 'owner:alice owner:bob')).toBe(false);
    expect(n('owner:al', 'owner:ali')).toBe(false);
    // Terms that read the clock, the selection or fetched repository lists.
    expect(n('deploy', 'deploy used:>90d')).toBe(false);
    expect(n('expires:never', 'expires:never ci')).toBe(false);
    expect(n('deploy', 'deploy is:selected')).toBe(false);
    expect(n('deploy', 'deploy repo:api')).toBe(false);
    // A query with an error matches nothing; the next one starts afresh.
    expect(n('perm:', 'perm:contents')).toBe(false);
    // A word of invisible characters only follows another rule.
    expect(n('"\u200B"', '"\u200Bx"')).toBe(false);
  });
});

function tokens(): Token[] {
  const names = [
    'deploy prod',
    'Deploy-staging',
    'ci',
    'ci bot',
    'terraform',
    'dep\u200Bloy',
    'ＤＥＰＬＯＹ',
  ];
  const owners = ['alice', 'bob', 'carol', 'dep-user'];
  const out: Token[] = [];
  for (let i = 0; i < 120; i++) {
    out.push(
      makeToken({
        grantId: i + 1,
        tokenName: `${names[i % names.length]} ${i % 5}`,
        ownerLogin: owners[i % owners.length] as string,
        repositorySelection: (['all', 'subset', 'none'] as const)[i % 3],
        permissions: [
          perm('repository', 'contents', i % 2 ? 'write' : 'read'),
          ...(i % 4 === 0 ? [perm('repository', 'administration', 'write')] : []),
        ],
        expiresAt: i % 6 === 0 ? null : new Date(NOW + (i - 60) * 86_400_000),
      }),
    );
  }
  return out;
}

/** The deriver's inputs other than the query, for a list in its own order. */
function inputsFor(list: Token[]) {
  return {
    org: 'acme',
    tokens: list,
    sort: null,
    selection: new Set<number>(),
    repositories: new Map<number, readonly string[]>(),
    changes: null,
    loadedAt: null,
  };
}

describe("the panel's deriver", () => {
  it('shows exactly what a full filter shows at every keystroke', () => {
    const all = tokens();
    const derive = createDeriver(() => NOW);
    const queries = [
      'deploy 1',
      'dep owner:alice risk:high',
      'owner:alice owner:bob ci',
      'ci -bot perm:contents:write',
      'deploy used:>90d',
      'name:"deploy p"',
      '-access:all deploy',
      'ｄｅｐ',
    ];
    const base = inputsFor(all);
    let checked = 0;
    for (const query of queries) {
      for (let i = 0; i <= query.length; i++) {
        const parsed = parseQuery(query.slice(0, i));
        const { shown, sorted } = derive({ ...base, parsed });
        const ctx = { now: NOW, selected: base.selection, repositories: base.repositories, org: 'acme' };
        expect(shown.all().map((t) => t.grantId)).toEqual(
          filterTokens(sorted, parsed, ctx).map((t) => t.grantId),
        );
        checked++;
      }
      // And backwards, deleting one character at a time (never a narrowing).
      for (let i = query.length; i >= 0; i--) {
        const parsed = parseQuery(query.slice(0, i));
        const { shown, sorted } = derive({ ...base, parsed });
        const ctx = { now: NOW, selected: base.selection, repositories: base.repositories, org: 'acme' };
        expect(shown.all().map((t) => t.grantId)).toEqual(
          filterTokens(sorted, parsed, ctx).map((t) => t.grantId),
        );
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('keeps the rows array when a keystroke leaves the same rows, so the table need not render', () => {
    const derive = createDeriver(() => NOW);
    const base = inputsFor(tokens());
    const first = derive({ ...base, parsed: parseQuery('deploy') });
    expect(first.shown.length).toBeGreaterThan(0);
    // A trailing space, then a term every shown row already matches.
    expect(derive({ ...base, parsed: parseQuery('deploy ') }).shown).toBe(first.shown);
    expect(derive({ ...base, parsed: parseQuery('deploy perm:contents') }).shown).toBe(first.shown);
    expect(derive({ ...base, parsed: parseQuery('deploy perm:contents:write') }).shown).not.toBe(first.shown);
  });

  it('freezes the lists it filters, so their index needs no check per keystroke', () => {
    const derive = createDeriver(() => NOW);
    const out = derive({ ...inputsFor(tokens()), parsed: parseQuery('deploy') });
    expect(Object.isFrozen(out.sorted)).toBe(true);
  });

  it('filters only the previous rows when the query narrowed', () => {
    const derive = createDeriver(() => NOW);
    const base = inputsFor(tokens());
    const first = derive({ ...base, parsed: parseQuery('perm:contents ci') });
    vi.mocked(matchPositions).mockClear();
    const next = derive({ ...base, parsed: parseQuery('perm:contents ci b') });
    // The deriver hands the filter the previous rows' positions to re-check, nothing else.
    expect(vi.mocked(matchPositions)).toHaveBeenCalledTimes(1);
    const within = vi.mocked(matchPositions).mock.calls[0]?.[3];
    expect(Array.from(within ?? [])).toEqual(first.shown.all().map((t) => first.sorted.indexOf(t)));
    expect(next.shown.length).toBeGreaterThan(0);
    expect(next.shown.length).toBeLessThan(first.shown.length);
    // Not narrowing (a letter deleted): every token again.
    vi.mocked(matchPositions).mockClear();
    derive({ ...base, parsed: parseQuery('perm:contents ci') });
    expect(vi.mocked(matchPositions).mock.calls[0]?.[3]).toBeUndefined();
  });
});
