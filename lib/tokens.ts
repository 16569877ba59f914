// The one token model PATrol works with, normalised from GitHub's
// "Organization Programmatic Access Grant" shape. Older GHES versions lack some fields
// (token_id, token_name and the token_id[] filter arrive with 3.13), so every optional field has a
// safe default.

export type PermissionScope = 'organization' | 'repository' | 'other';
export type RepositorySelection = 'all' | 'subset' | 'none';

export interface Permission {
  scope: PermissionScope;
  name: string;
  /** GitHub's level string: usually read, write or admin. */
  level: string;
}

export interface Token {
  /** The grant id (`pat_id`): what revoke and /repositories take. */
  grantId: number;
  /** The user's token id; null on GHES versions that do not report it. */
  tokenId: number | null;
  tokenName: string;
  ownerLogin: string;
  ownerId: number;
  ownerAvatarUrl: string | null;
  repositorySelection: RepositorySelection;
  permissions: Permission[];
  grantedAt: Date | null;
  expiresAt: Date | null;
  /** GitHub's own token_expired flag. */
  expired: boolean;
  lastUsedAt: Date | null;
}

/** The form a token crosses the message boundary in: dates as epoch milliseconds. */
export type WireToken = Omit<Token, 'grantedAt' | 'expiresAt' | 'lastUsedAt'> & {
  grantedAt: number | null;
  expiresAt: number | null;
  lastUsedAt: number | null;
};

const SCOPES: PermissionScope[] = ['organization', 'repository', 'other'];
const SELECTIONS: RepositorySelection[] = ['all', 'subset', 'none'];
const LEVEL_RANK: Record<string, number> = { read: 1, write: 2, admin: 3 };

/** Rank of a permission level (read < write < admin); unknown levels rank 0. */
export function levelRank(level: string): number {
  return LEVEL_RANK[level.toLowerCase()] ?? 0;
}

/** Parses a GitHub time (ISO 8601 with Z or a UTC offset) to an instant, or null. */
export function parseTime(value: unknown): Date | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

// An org's 50,000 grants hold about 400,000 permissions but only a few hundred distinct ones:
// one frozen object each, shared (the command line's, the worker's and the panel's memory; a
// list that came through a message gets them again with lib/share-list.ts).
// Bounded, so hostile names cannot grow it without limit; past the bound, objects are simply
// not shared. By name, then a short scan: no key string built per permission.
const PERMISSIONS = new Map<string, Permission[]>();
const MAX_SHARED_PERMISSIONS = 4096;
let shared = 0;

export function permissionOf(scope: PermissionScope, name: string, level: string): Permission {
  let same = PERMISSIONS.get(name);
  if (same !== undefined) {
    for (let k = 0; k < same.length; k++) {
      const p = same[k] as Permission;
      if (p.level === level && p.scope === scope) return p;
    }
  }
  const permission = Object.freeze({ scope, name, level });
  if (shared < MAX_SHARED_PERMISSIONS) {
    if (same === undefined) {
      same = [];
      PERMISSIONS.set(name, same);
    }
    same.push(permission);
    shared++;
  }
  return permission;
}

/** Builds a Token from one grant as GitHub returns it. Throws when the id is missing. */
export function normaliseGrant(raw: unknown): Token {
  const grant = asRecord(raw);
  const grantId = asNumber(grant.id);
  if (grantId === null) throw new TypeError('A grant from GitHub has no numeric id');
  const owner = asRecord(grant.owner);
  const permissions: Permission[] = [];
  const perms = asRecord(grant.permissions);
  for (const scope of SCOPES) {
    for (const [name, level] of Object.entries(asRecord(perms[scope]))) {
      if (typeof level === 'string') permissions.push(permissionOf(scope, name, level));
    }
  }
  const selection = SELECTIONS.includes(grant.repository_selection as RepositorySelection)
    ? (grant.repository_selection as RepositorySelection)
    : 'none';
  const expiresAt = parseTime(grant.token_expires_at);
  return {
    grantId,
    tokenId: asNumber(grant.token_id),
    tokenName: typeof grant.token_name === 'string' ? grant.token_name : '',
    ownerLogin: typeof owner.login === 'string' ? owner.login : '',
    ownerId: asNumber(owner.id) ?? 0,
    ownerAvatarUrl: typeof owner.avatar_url === 'string' ? owner.avatar_url : null,
    repositorySelection: selection,
    permissions,
    grantedAt: parseTime(grant.access_granted_at),
    expiresAt,
    expired: grant.token_expired === true,
    lastUsedAt: parseTime(grant.token_last_used_at),
  };
}

/** True when GitHub says the token expired or its expiry time has passed. */
export function isExpired(token: Pick<Token, 'expired' | 'expiresAt'>, now: number): boolean {
  return token.expired || (token.expiresAt !== null && token.expiresAt.getTime() <= now);
}

export function toWire(token: Token): WireToken {
  return {
    ...token,
    grantedAt: token.grantedAt?.getTime() ?? null,
    expiresAt: token.expiresAt?.getTime() ?? null,
    lastUsedAt: token.lastUsedAt?.getTime() ?? null,
  };
}

const toDate = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

// Field by field rather than `{ ...token }`: spreading 50,000 tokens took about 100 ms of the
// popup's time to open; a literal of known shape takes a few. Every field of Token, so a field
// added to the model fails to compile here.
export function fromWire(token: WireToken): Token {
  return {
    grantId: token.grantId,
    tokenId: token.tokenId,
    tokenName: token.tokenName,
    ownerLogin: token.ownerLogin,
    ownerId: token.ownerId,
    ownerAvatarUrl: token.ownerAvatarUrl,
    repositorySelection: token.repositorySelection,
    permissions: token.permissions,
    grantedAt: toDate(token.grantedAt),
    expiresAt: toDate(token.expiresAt),
    expired: token.expired,
    lastUsedAt: toDate(token.lastUsedAt),
  };
}
