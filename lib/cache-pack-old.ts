// The layouts lib/cache-pack.ts wrote before its current one, still read so that a cache
// written by an older PATrol opens after an update (it is rewritten the next time its org is
// loaded). Format 2 kept one object per token; format 3 kept names, logins and avatars as one
// string per token, where format 4 keeps each distinct text once.
import type { PackedGrants } from './cache-pack';
import type { Permission, WireToken } from './tokens';

export const TOKEN_PACKED_FORMAT = 2;
export const STRING_COLUMNS_FORMAT = 3;

/** What format 2 stored: tokens as objects without their permissions. */
export interface TokenPackedGrants {
  format: typeof TOKEN_PACKED_FORMAT;
  org: string;
  loadedAt: number;
  vocabulary: Permission[];
  indexes: Uint32Array;
  starts: Uint32Array;
  tokens: Omit<WireToken, 'permissions'>[];
}

/** What format 3 stored: format 4's columns, with one string per token. */
export type StringColumnGrants = Omit<PackedGrants, 'format' | 'names' | 'logins' | 'avatars'> & {
  format: typeof STRING_COLUMNS_FORMAT;
  names: string[];
  logins: string[];
  avatars: (string | null)[];
};
