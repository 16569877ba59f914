// Tokens listed at the last review and not any more (`is:gone`): shown from the baseline's
// snapshot, which knows their ids, name, owner, access and expiry but nothing else, and never
// selectable for revocation (there is nothing left to revoke).
import type { GoneToken } from './protocol';
import type { Token } from './tokens';

export type GoneRow = Token & { gone: true };

export function goneRow(g: GoneToken): GoneRow {
  return {
    grantId: g.grantId,
    tokenId: g.tokenId,
    tokenName: g.tokenName,
    ownerLogin: g.ownerLogin,
    ownerId: g.ownerId,
    ownerAvatarUrl: null,
    repositorySelection: g.repositorySelection,
    permissions: [],
    grantedAt: null,
    expiresAt: g.expiresAt === null ? null : new Date(g.expiresAt),
    expired: false,
    lastUsedAt: null,
    gone: true,
  };
}

export const isGone = (token: Token): token is GoneRow => (token as Partial<GoneRow>).gone === true;
