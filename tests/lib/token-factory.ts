import type { Permission, Token } from '../../lib/tokens';

let nextId = 1000;

/** A plausible active token; override any field. Ids are unique unless given. */
export function makeToken(overrides: Partial<Token> = {}): Token {
  const id = nextId++;
  return {
    grantId: id,
    tokenId: id + 50_000,
    tokenName: `token-${id}`,
    ownerLogin: `user${id}`,
    ownerId: id + 90_000,
    ownerAvatarUrl: null,
    repositorySelection: 'subset',
    permissions: [{ scope: 'repository', name: 'metadata', level: 'read' }],
    grantedAt: new Date('2025-01-10T12:00:00Z'),
    expiresAt: new Date('2026-06-01T00:00:00Z'),
    expired: false,
    lastUsedAt: new Date('2025-05-30T08:00:00Z'),
    ...overrides,
  };
}

export const perm = (scope: Permission['scope'], name: string, level: string): Permission => ({
  scope,
  name,
  level,
});
