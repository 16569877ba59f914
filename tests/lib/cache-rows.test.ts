// The popup reads cached lists as rows (lib/cache-rows.ts): names and logins straight from the
// stored columns, each token built on demand, identical to what unpacking the list gives; a
// damaged list is refused up front (so building a row later cannot fail) and skipped.
import { IDBFactory } from 'fake-indexeddb';
import { createStore, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { allGrantRows, listOrgs, openCacheReader, writeGrants } from '../../lib/cache';
import { packGrants, TOKEN_PACKED_FORMAT, type TokenPackedGrants, unpackGrants } from '../../lib/cache-pack';
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
        ownerLogin: `user-${i % 3}`,
        tokenId: i % 4 === 0 ? null : 100 + i,
        expiresAt: i % 2 ? new Date(1_000_000 + i) : null,
        repositorySelection: i % 3 === 0 ? 'all' : 'subset',
        permissions: [
          { scope: 'repository', name: 'contents', level: i % 2 ? 'write' : 'read' },
          { scope: 'organization', name: 'members', level: 'read' },
        ],
      }),
    ),
  );
  return { org, loadedAt: 1_000, tokens };
}

const rowsAsList = (rows: ReturnType<typeof rowsOf>): LoadedGrants => ({
  org: rows.org,
  loadedAt: rows.loadedAt,
  tokens: Array.from(rows.names.of, (_, i) => rows.token(i)),
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('cached lists as rows', () => {
  it('gives the names, logins and tokens that unpacking gives, in list order', () => {
    const loaded = list('acme', 40);
    const rows = rowsOf(packGrants(loaded));
    const each = ({ values, of }: typeof rows.names) => Array.from(of, (k) => values[k]);
    expect(each(rows.names)).toEqual(loaded.tokens.map((t) => t.tokenName));
    expect(each(rows.logins)).toEqual(loaded.tokens.map((t) => t.ownerLogin));
    // Three owners: each login is stored, and cloned, once.
    expect(rows.logins.values).toEqual(['user-0', 'user-1', 'user-2']);
    expect(rowsAsList(rows)).toEqual(unpackGrants(packGrants(loaded)));
    expect(rowsAsList(rows)).toEqual(loaded);
    // One frozen object per distinct permission, as unpacking shares them.
    expect(rows.token(0).permissions[1]).toBe(rows.token(1).permissions[1]);
    expect(Object.isFrozen(rows.token(0).permissions[0])).toBe(true);
  });

  it('reads lists cached in the older layouts too', () => {
    const loaded = list('acme', 5);
    expect(rowsAsList(rowsOf(structuredClone(loaded)))).toEqual(loaded);
    const packed = packGrants(loaded);
    const tokenPacked: TokenPackedGrants = {
      format: TOKEN_PACKED_FORMAT,
      org: 'acme',
      loadedAt: 1_000,
      vocabulary: packed.vocabulary,
      indexes: packed.indexes,
      starts: packed.starts,
      tokens: loaded.tokens.map(({ permissions: _, ...rest }) => rest),
    };
    expect(rowsAsList(rowsOf(tokenPacked))).toEqual(loaded);
  });

  it('refuses a damaged list up front', () => {
    const packed = packGrants(list('acme', 10));
    expect(() => rowsOf({ ...packed, indexes: Uint32Array.from([99, 99]) })).toThrow(RangeError);
    expect(() => rowsOf({ ...packed, names: { ...packed.names, of: packed.names.of.slice(1) } })).toThrow(
      RangeError,
    );
    expect(() => rowsOf({ ...packed, avatars: { values: [], of: packed.avatars.of } })).toThrow(RangeError);
    expect(() => rowsOf({ ...packed, flags: packed.flags.map(() => 3) })).toThrow(RangeError);
  });

  it('refuses a list whose columns or texts have the wrong type', () => {
    const packed = packGrants(list('acme', 10));
    const wrong = (changes: object) => () => rowsOf({ ...packed, ...changes } as typeof packed);
    expect(wrong({ grantIds: Array.from(packed.grantIds) })).toThrow(/wrong type/);
    expect(wrong({ flags: Float64Array.from(packed.flags) })).toThrow(/wrong type/);
    expect(wrong({ starts: Array.from(packed.starts) })).toThrow(/wrong type/);
    expect(wrong({ names: { values: packed.names.values.map(() => 7), of: packed.names.of } })).toThrow(
      /not text/,
    );
    expect(
      wrong({ avatars: { values: packed.avatars.values.map(() => undefined), of: packed.avatars.of } }),
    ).toThrow(/not text/);
    expect(() => rowsOf(packed)).not.toThrow();
  });

  it('reads every cached org, skipping a damaged list, through connections opened in advance', async () => {
    const acme = list('acme', 6);
    const globex = list('globex', 3);
    await writeGrants(acme);
    await writeGrants(globex);
    const reader = openCacheReader();
    const [orgs, lists] = await Promise.all([reader.listOrgs(), reader.allGrantRows()]);
    expect(orgs).toEqual(await listOrgs());
    expect(lists.map(rowsAsList)).toEqual([acme, globex]);
    const packed = packGrants(globex);
    await set('globex', { ...packed, starts: packed.starts.slice(0, 2) }, grantsDb());
    expect((await allGrantRows()).map((rows) => rows.org)).toEqual(['acme']);
    expect((await openCacheReader().allGrantRows()).map((rows) => rows.org)).toEqual(['acme']);
  });
});
