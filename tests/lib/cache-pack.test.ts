// The cache stores each list packed (lib/cache-pack.ts): the same tokens come back, a list
// cached before packing still reads, and a damaged one reads as absent instead of as wrong data.
import { IDBFactory } from 'fake-indexeddb';
import { createStore, get, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { allGrants, listOrgs, readGrants, writeGrants } from '../../lib/cache';
import {
  PACKED_FORMAT,
  type PackedGrants,
  packGrants,
  TOKEN_PACKED_FORMAT,
  type TokenPackedGrants,
  unpackGrants,
} from '../../lib/cache-pack';
import { STRING_COLUMNS_FORMAT, type StringColumnGrants } from '../../lib/cache-pack-old';
import { rowsOf } from '../../lib/cache-rows';
import type { LoadedGrants } from '../../lib/protocol';
import { toWire } from '../../lib/tokens';
import { makeToken } from './token-factory';

const grantsDb = () => createStore('patrol-grants', 'grants');

function list(org: string, count: number): LoadedGrants {
  const tokens = Array.from({ length: count }, (_, i) =>
    toWire(
      makeToken({
        grantId: i + 1,
        tokenName: `deploy ${i}`,
        permissions: [
          { scope: 'repository', name: 'contents', level: i % 2 ? 'write' : 'read' },
          { scope: 'organization', name: 'members', level: 'read' },
          ...(i % 3 === 0 ? [{ scope: 'other' as const, name: 'weird"name\u0000', level: 'admin' }] : []),
        ],
      }),
    ),
  );
  tokens.push(toWire(makeToken({ grantId: count + 1, permissions: [] })));
  return { org, loadedAt: 1_000, tokens };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('the packed cache', () => {
  it('gives back exactly the tokens written, with each distinct permission stored once', async () => {
    const loaded = list('acme', 300);
    await writeGrants(loaded);
    const stored = await get<PackedGrants>('acme', grantsDb());
    expect(stored?.format).toBe(PACKED_FORMAT);
    expect(stored?.vocabulary).toHaveLength(4);
    // By column: no object per token at all, so reading back clones flat arrays.
    expect(stored).not.toHaveProperty('tokens');
    expect(stored?.grantIds).toBeInstanceOf(Float64Array);
    // Each distinct text once, with per token which one: every avatar here is the same (none).
    expect(stored?.names.of).toHaveLength(301);
    expect(stored?.names.values).toHaveLength(301);
    expect(stored?.avatars.values).toEqual([null]);
    expect(stored?.avatars.of).toEqual(new Uint32Array(301));
    expect(await readGrants('ACME')).toEqual(loaded);
    expect(await allGrants()).toEqual([loaded]);
    expect(await listOrgs()).toEqual([{ org: 'acme', loadedAt: 1_000, count: 301 }]);
  });

  it('reads a list cached before packing existed', async () => {
    const old = list('legacy', 5);
    await set('legacy', old, grantsDb());
    expect(await readGrants('legacy')).toEqual(old);
  });

  it('keeps nulls, odd numbers and flags through the columns', () => {
    const tokens = [
      toWire(makeToken({ grantId: 7, tokenId: null, grantedAt: null, expiresAt: null, lastUsedAt: null })),
      toWire(
        makeToken({
          grantId: 2 ** 40,
          tokenId: 0,
          ownerId: 0,
          ownerAvatarUrl: 'https://avatars.example/u/1',
          repositorySelection: 'none',
          expired: true,
          tokenName: '',
          expiresAt: new Date(0),
        }),
      ),
      toWire(makeToken({ repositorySelection: 'all', tokenName: 'dep\u200Bloy ﬁ 🙂' })),
    ];
    const loaded = { org: 'acme', loadedAt: 5, tokens };
    expect(unpackGrants(structuredClone(packGrants(loaded)))).toEqual(loaded);
  });

  it('reads a list cached in the previous layout (one object per token)', async () => {
    const loaded = list('acme', 12);
    const previous: TokenPackedGrants = {
      format: TOKEN_PACKED_FORMAT,
      org: 'acme',
      loadedAt: loaded.loadedAt,
      vocabulary: [],
      indexes: new Uint32Array(0),
      starts: new Uint32Array(loaded.tokens.length + 1),
      tokens: [],
    };
    const keys = new Map<string, number>();
    const indexes: number[] = [];
    loaded.tokens.forEach(({ permissions, ...rest }, i) => {
      for (const p of permissions) {
        const key = JSON.stringify(p);
        if (!keys.has(key)) {
          keys.set(key, previous.vocabulary.length);
          previous.vocabulary.push(p);
        }
        indexes.push(keys.get(key) as number);
      }
      previous.starts[i + 1] = indexes.length;
      previous.tokens.push(rest);
    });
    previous.indexes = Uint32Array.from(indexes);
    await set('acme', previous, grantsDb());
    expect(await readGrants('acme')).toEqual(loaded);
    expect(await listOrgs()).toEqual([{ org: 'acme', loadedAt: 1_000, count: 13 }]);
  });

  it('reads a list cached in format 3 (one string per token), as rows too', async () => {
    const loaded = {
      ...list('acme', 12),
      tokens: list('acme', 12).tokens.map((t, i) => ({ ...t, ownerLogin: `u${i % 2}` })),
    };
    const { names, logins, avatars, ...columns } = packGrants(loaded);
    const each = <T>({ values, of }: { values: T[]; of: Uint32Array }) =>
      Array.from(of, (k) => values[k] as T);
    const previous: StringColumnGrants = {
      ...columns,
      format: STRING_COLUMNS_FORMAT,
      names: each(names),
      logins: each(logins),
      avatars: each(avatars),
    };
    await set('acme', previous, grantsDb());
    expect(await readGrants('acme')).toEqual(loaded);
    expect(await listOrgs()).toEqual([{ org: 'acme', loadedAt: 1_000, count: 13 }]);
    const rows = rowsOf(structuredClone(previous));
    expect(rows.logins.values).toEqual(['u0', 'u1']);
    expect(Array.from(rows.names.of, (_, i) => rows.token(i))).toEqual(loaded.tokens);
  });

  it('reads a damaged list as absent, so the org is loaded again', async () => {
    const packed = packGrants(list('acme', 10));
    await set('acme', { ...packed, indexes: Uint32Array.from([99, 99]) }, grantsDb());
    expect(await readGrants('acme')).toBeUndefined();
    await set('acme', { ...packed, starts: packed.starts.slice(0, 3) }, grantsDb());
    expect(await readGrants('acme')).toBeUndefined();
    await set('acme', { ...packed, names: { ...packed.names, of: packed.names.of.slice(1) } }, grantsDb());
    expect(await readGrants('acme')).toBeUndefined();
    await set('acme', { ...packed, logins: { values: [], of: packed.logins.of } }, grantsDb());
    expect(await readGrants('acme')).toBeUndefined();
    await set('acme', { ...packed, flags: packed.flags.map(() => 3) }, grantsDb());
    expect(await readGrants('acme')).toBeUndefined();
    expect(await allGrants()).toEqual([]);
  });

  it('shares one frozen object per distinct permission', () => {
    const { tokens } = unpackGrants(packGrants(list('acme', 4)));
    expect(tokens[0]?.permissions[1]).toBe(tokens[1]?.permissions[1]);
    expect(Object.isFrozen(tokens[0]?.permissions[0])).toBe(true);
  });
});
