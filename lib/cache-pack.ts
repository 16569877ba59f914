// How a cached list is stored in IndexedDB. Reading a list back is a structured clone, and
// the clone's cost is per object: 50,000 tokens of a dozen fields, plus about ten permission
// objects each, was most of the popup's time to open. Stored instead, by column: each field
// of every token in one array (numbers in typed arrays, which clone as flat buffers), each
// distinct text and permission once with per token an index into them. Rebuilding the objects
// in JS afterwards is far cheaper than cloning them (`npm run bench` prints "cache read":
// plain, by token and by column, at 50,000 tokens). Older layouts: lib/cache-pack-old.ts.
import {
  STRING_COLUMNS_FORMAT,
  type StringColumnGrants,
  TOKEN_PACKED_FORMAT,
  type TokenPackedGrants,
} from './cache-pack-old';
import { type Distinct, distinct } from './distinct';
import type { LoadedGrants } from './protocol';
import type { Permission, RepositorySelection, WireToken } from './tokens';

export { TOKEN_PACKED_FORMAT, type TokenPackedGrants } from './cache-pack-old';

export const PACKED_FORMAT = 4;

export interface PackedGrants {
  format: typeof PACKED_FORMAT;
  org: string;
  loadedAt: number;
  /** Every distinct permission of the list, once. */
  vocabulary: Permission[];
  /** Token i's permissions are vocabulary[indexes[starts[i]] … indexes[starts[i + 1] - 1]]. */
  indexes: Uint32Array;
  starts: Uint32Array;
  /** One entry per token, in list order. Numbers that may be null are NaN there. */
  grantIds: Float64Array;
  tokenIds: Float64Array;
  ownerIds: Float64Array;
  grantedAt: Float64Array;
  expiresAt: Float64Array;
  lastUsedAt: Float64Array;
  /** SELECTIONS index of the repository selection, plus EXPIRED when GitHub says expired. */
  flags: Uint8Array;
  /**
   * Each distinct text once, with per token which one: 50,000 tokens carry a few thousand
   * names and owners, and each string costs the clone (and the popup's index) once, not per token.
   */
  names: Distinct<string>;
  logins: Distinct<string>;
  avatars: Distinct<string | null>;
}

export type StoredGrants = PackedGrants | StringColumnGrants | TokenPackedGrants | LoadedGrants;

const SELECTIONS: RepositorySelection[] = ['all', 'subset', 'none'];
const EXPIRED = 4;
const SELECTION_MASK = 3;

const keyOf = (p: Permission) => JSON.stringify([p.scope, p.name, p.level]);
const orNaN = (value: number | null): number => (value === null ? Number.NaN : value);
const orNull = (value: number | undefined): number | null =>
  value === undefined || Number.isNaN(value) ? null : value;

export function packGrants(loaded: LoadedGrants): PackedGrants {
  const n = loaded.tokens.length;
  const known = new Map<string, number>();
  const vocabulary: Permission[] = [];
  const indexes: number[] = [];
  const packed: PackedGrants = {
    format: PACKED_FORMAT,
    org: loaded.org,
    loadedAt: loaded.loadedAt,
    vocabulary,
    indexes: new Uint32Array(0),
    starts: new Uint32Array(n + 1),
    grantIds: new Float64Array(n),
    tokenIds: new Float64Array(n),
    ownerIds: new Float64Array(n),
    grantedAt: new Float64Array(n),
    expiresAt: new Float64Array(n),
    lastUsedAt: new Float64Array(n),
    flags: new Uint8Array(n),
    names: distinct(loaded.tokens.map((t) => t.tokenName)),
    logins: distinct(loaded.tokens.map((t) => t.ownerLogin)),
    avatars: distinct(loaded.tokens.map((t) => t.ownerAvatarUrl)),
  };
  loaded.tokens.forEach((token, i) => {
    for (const p of token.permissions) {
      const key = keyOf(p);
      let index = known.get(key);
      if (index === undefined) {
        index = vocabulary.length;
        known.set(key, index);
        vocabulary.push({ scope: p.scope, name: p.name, level: p.level });
      }
      indexes.push(index);
    }
    packed.starts[i + 1] = indexes.length;
    packed.grantIds[i] = token.grantId;
    packed.tokenIds[i] = orNaN(token.tokenId);
    packed.ownerIds[i] = token.ownerId;
    packed.grantedAt[i] = orNaN(token.grantedAt);
    packed.expiresAt[i] = orNaN(token.expiresAt);
    packed.lastUsedAt[i] = orNaN(token.lastUsedAt);
    const selection = SELECTIONS.indexOf(token.repositorySelection);
    packed.flags[i] = (selection < 0 ? 2 : selection) | (token.expired ? EXPIRED : 0);
  });
  packed.indexes = Uint32Array.from(indexes);
  return packed;
}

/** One frozen object per distinct permission, shared by every token that holds it. */
export const frozenVocabulary = (stored: { vocabulary: Permission[] }): Permission[] =>
  stored.vocabulary.map((p) => Object.freeze({ ...p }));

const damaged = (what: string) => new RangeError(`A cached list is damaged: ${what}`);

/** Token i's permissions, sharing one frozen object per distinct permission. */
function permissionsOf(
  vocabulary: readonly Permission[],
  indexes: Uint32Array,
  starts: Uint32Array,
  i: number,
): Permission[] {
  const from = starts[i] ?? 0;
  const to = starts[i + 1] ?? from;
  const permissions = new Array<Permission>(to - from);
  for (let k = from; k < to; k++) {
    const p = vocabulary[indexes[k] ?? -1];
    if (!p) throw damaged('a permission index is out of range');
    permissions[k - from] = p;
  }
  return permissions;
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || isText(value);

/**
 * Throws unless every column has its type and one entry per token and every index is in
 * range: a row built from the list later (lib/cache-rows.ts) can then not fail or be wrong.
 */
export function checkColumns(stored: PackedGrants): void {
  const { indexes, starts, grantIds, flags } = stored;
  const numbers = [
    grantIds,
    stored.tokenIds,
    stored.ownerIds,
    stored.grantedAt,
    stored.expiresAt,
    stored.lastUsedAt,
  ];
  if (
    !numbers.every((column) => column instanceof Float64Array) ||
    !(flags instanceof Uint8Array) ||
    ![indexes, starts, stored.names.of, stored.logins.of, stored.avatars.of].every(
      (c) => c instanceof Uint32Array,
    )
  )
    throw damaged('a column has the wrong type');
  if (
    !stored.names.values.every(isText) ||
    !stored.logins.values.every(isText) ||
    !stored.avatars.values.every(isTextOrNull)
  )
    throw damaged('a text is not text');
  const n = grantIds.length;
  const columns = [
    starts.length - 1,
    stored.tokenIds.length,
    stored.ownerIds.length,
    stored.grantedAt.length,
    stored.expiresAt.length,
    stored.lastUsedAt.length,
    flags.length,
    stored.names.of.length,
    stored.logins.of.length,
    stored.avatars.of.length,
  ];
  if (columns.some((length) => length !== n)) throw damaged('its columns differ in length');
  for (const { values, of } of [stored.names, stored.logins, stored.avatars])
    for (let i = 0; i < n; i++)
      if ((of[i] as number) >= values.length) throw damaged('a text index is out of range');
  for (let i = 0; i < n; i++)
    if (SELECTIONS[(flags[i] as number) & SELECTION_MASK] === undefined)
      throw damaged('a repository selection is unknown');
  const words = stored.vocabulary.length;
  for (let k = 0; k < indexes.length; k++)
    if ((indexes[k] as number) >= words) throw damaged('a permission index is out of range');
}

/** Token i of a checked list (checkColumns), sharing `vocabulary`'s permission objects. */
export function columnRow(stored: PackedGrants, vocabulary: readonly Permission[], i: number): WireToken {
  const flags = stored.flags[i] as number;
  // Every field of WireToken, so that a field added to the model fails to compile here.
  return {
    grantId: stored.grantIds[i] as number,
    tokenId: orNull(stored.tokenIds[i]),
    tokenName: stored.names.values[stored.names.of[i] as number] as string,
    ownerLogin: stored.logins.values[stored.logins.of[i] as number] as string,
    ownerId: stored.ownerIds[i] as number,
    ownerAvatarUrl: stored.avatars.values[stored.avatars.of[i] as number] ?? null,
    repositorySelection: SELECTIONS[flags & SELECTION_MASK] as RepositorySelection,
    permissions: permissionsOf(vocabulary, stored.indexes, stored.starts, i),
    grantedAt: orNull(stored.grantedAt[i]),
    expiresAt: orNull(stored.expiresAt[i]),
    expired: (flags & EXPIRED) !== 0,
    lastUsedAt: orNull(stored.lastUsedAt[i]),
  };
}

function unpackColumns(stored: PackedGrants, vocabulary: readonly Permission[]): WireToken[] {
  checkColumns(stored);
  const n = stored.grantIds.length;
  const tokens = new Array<WireToken>(n);
  for (let i = 0; i < n; i++) tokens[i] = columnRow(stored, vocabulary, i);
  return tokens;
}

function unpackTokens(stored: TokenPackedGrants, vocabulary: readonly Permission[]): WireToken[] {
  const { indexes, starts } = stored;
  const tokens = stored.tokens as WireToken[];
  if (starts.length !== tokens.length + 1) throw damaged('its ranges do not match its tokens');
  for (let i = 0; i < tokens.length; i++)
    (tokens[i] as WireToken).permissions = permissionsOf(vocabulary, indexes, starts, i);
  return tokens;
}

/** A list in the current layout, or in one that keeps an object per token anyway. */
export type ReadableGrants = PackedGrants | TokenPackedGrants | LoadedGrants;

/** Format 3's list in format 4's shape: the same columns, each text made distinct. */
export function upgraded(stored: StoredGrants): ReadableGrants {
  if (!('format' in stored) || stored.format !== STRING_COLUMNS_FORMAT) return stored;
  const { names, logins, avatars, ...columns } = stored;
  return {
    ...columns,
    format: PACKED_FORMAT,
    names: distinct(names),
    logins: distinct(logins),
    avatars: distinct(avatars),
  };
}

/** How many tokens a stored list holds, without unpacking it. */
export function storedCount(stored: StoredGrants): number {
  if (!('format' in stored)) return stored.tokens.length;
  return stored.format === TOKEN_PACKED_FORMAT ? stored.tokens.length : stored.grantIds.length;
}

/**
 * The list as PATrol works with it. Takes ownership of `stored` (a fresh copy IndexedDB just
 * made). A list cached before packing existed passes through unchanged.
 */
export function unpackGrants(original: StoredGrants): LoadedGrants {
  const stored = upgraded(original);
  if (!('format' in stored)) return stored;
  const vocabulary = frozenVocabulary(stored);
  const tokens =
    stored.format === PACKED_FORMAT ? unpackColumns(stored, vocabulary) : unpackTokens(stored, vocabulary);
  return { org: stored.org, loadedAt: stored.loadedAt, tokens };
}
