// How a cached list is stored in IndexedDB. Most of a token's weight is its permissions: about
// ten small objects each, 500,000 at 50,000 tokens, and cloning those back out of IndexedDB was
// most of the popup's time to open. Stored instead: each distinct permission once, and per
// token a range of indexes into that list, in two typed arrays that clone as flat buffers
// (`npm run bench` prints "cache read": plain and packed, read back at 50,000 tokens).
import type { LoadedGrants } from './protocol';
import type { Permission, WireToken } from './tokens';

export const PACKED_FORMAT = 2;

export interface PackedGrants {
  format: typeof PACKED_FORMAT;
  org: string;
  loadedAt: number;
  /** Every distinct permission of the list, once. */
  vocabulary: Permission[];
  /** Token i's permissions are vocabulary[indexes[starts[i]] … indexes[starts[i + 1] - 1]]. */
  indexes: Uint32Array;
  starts: Uint32Array;
  tokens: Omit<WireToken, 'permissions'>[];
}

const keyOf = (p: Permission) => JSON.stringify([p.scope, p.name, p.level]);

export function packGrants(loaded: LoadedGrants): PackedGrants {
  const known = new Map<string, number>();
  const vocabulary: Permission[] = [];
  const indexes: number[] = [];
  const starts = new Uint32Array(loaded.tokens.length + 1);
  const tokens = loaded.tokens.map(({ permissions, ...rest }, i) => {
    for (const p of permissions) {
      const key = keyOf(p);
      let index = known.get(key);
      if (index === undefined) {
        index = vocabulary.length;
        known.set(key, index);
        vocabulary.push({ scope: p.scope, name: p.name, level: p.level });
      }
      indexes.push(index);
    }
    starts[i + 1] = indexes.length;
    return rest;
  });
  return {
    format: PACKED_FORMAT,
    org: loaded.org,
    loadedAt: loaded.loadedAt,
    vocabulary,
    indexes: Uint32Array.from(indexes),
    starts,
    tokens,
  };
}

const isPacked = (stored: PackedGrants | LoadedGrants): stored is PackedGrants =>
  (stored as PackedGrants).format === PACKED_FORMAT;

/**
 * The list as PATrol works with it. Takes ownership of `stored` (a fresh copy IndexedDB just
 * made): its tokens get their permissions in place, sharing one frozen object per distinct
 * permission. A list cached before packing existed passes through unchanged.
 */
export function unpackGrants(stored: PackedGrants | LoadedGrants): LoadedGrants {
  if (!isPacked(stored)) return stored;
  const vocabulary = stored.vocabulary.map((p) => Object.freeze({ ...p }));
  const { indexes, starts } = stored;
  const tokens = stored.tokens as WireToken[];
  if (starts.length !== tokens.length + 1)
    throw new RangeError('A cached list is damaged: its ranges do not match its tokens');
  for (let i = 0; i < tokens.length; i++) {
    const from = starts[i] ?? 0;
    const to = starts[i + 1] ?? from;
    const permissions = new Array<Permission>(to - from);
    for (let k = from; k < to; k++) {
      const p = vocabulary[indexes[k] ?? -1];
      if (!p) throw new RangeError('A cached list is damaged: a permission index is out of range');
      permissions[k - from] = p;
    }
    (tokens[i] as WireToken).permissions = permissions;
  }
  return { org: stored.org, loadedAt: stored.loadedAt, tokens };
}
