// A cached list as the popup searches it: names and logins straight from the stored columns
// (lib/cache-pack.ts format 3), and a token built only when asked for. Unpacking all 50,000
// tokens before the first result was most of the popup's time to open, and a text search
// reads names and logins only; the rest is needed for the shown rows and for qualifiers.
import {
  checkColumns,
  columnRow,
  frozenVocabulary,
  PACKED_FORMAT,
  type StoredGrants,
  unpackGrants,
} from './cache-pack';
import type { WireToken } from './tokens';

export interface GrantRows {
  org: string;
  loadedAt: number;
  /** Per token, in list order. */
  names: readonly string[];
  logins: readonly string[];
  /** Token i, built afresh on each call. */
  token: (i: number) => WireToken;
}

/**
 * The list's rows; throws a RangeError, as unpackGrants does, when the list is damaged (checked
 * here, once, so that building a row later cannot fail).
 */
export function rowsOf(stored: StoredGrants): GrantRows {
  if ('format' in stored && stored.format === PACKED_FORMAT) {
    checkColumns(stored);
    const vocabulary = frozenVocabulary(stored);
    return {
      org: stored.org,
      loadedAt: stored.loadedAt,
      names: stored.names,
      logins: stored.logins,
      token: (i) => columnRow(stored, vocabulary, i),
    };
  }
  // Older layouts hold one object per token anyway.
  const { org, loadedAt, tokens } = unpackGrants(stored);
  return {
    org,
    loadedAt,
    names: tokens.map((t) => t.tokenName),
    logins: tokens.map((t) => t.ownerLogin),
    token: (i) => tokens[i] as WireToken,
  };
}
