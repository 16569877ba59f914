// A cached list as the popup searches it: its distinct names and logins straight from the
// stored columns (lib/cache-pack.ts), and a token built only when asked for. Unpacking all
// 50,000 tokens before the first result was most of the popup's time to open, and a text
// search reads names and logins only; the rest is needed for the shown rows and for qualifiers.
import {
  checkColumns,
  columnRow,
  frozenVocabulary,
  PACKED_FORMAT,
  type StoredGrants,
  unpackGrants,
  upgraded,
} from './cache-pack';
import { type Distinct, distinct } from './distinct';
import type { WireToken } from './tokens';

export interface GrantRows {
  org: string;
  loadedAt: number;
  /** Each distinct name and login once, and per token (in list order) which one it has. */
  names: Distinct<string>;
  logins: Distinct<string>;
  /** Token i, built afresh on each call. */
  token: (i: number) => WireToken;
}

/**
 * The list's rows; throws a RangeError, as unpackGrants does, when the list is damaged (checked
 * here, once, so that building a row later cannot fail).
 */
export function rowsOf(original: StoredGrants): GrantRows {
  const stored = upgraded(original);
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
  // The layout of one object per token.
  const { org, loadedAt, tokens } = unpackGrants(stored);
  return {
    org,
    loadedAt,
    names: distinct(tokens.map((t) => t.tokenName)),
    logins: distinct(tokens.map((t) => t.ownerLogin)),
    token: (i) => tokens[i] as WireToken,
  };
}
