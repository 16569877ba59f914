// @vitest-environment node
// components/load-grants.ts reads a list in chunks; each chunk arrives as JSON (Chrome's
// extension messages), so every token brings its own copies of its permissions. The list it
// returns shares one object per distinct permission, across chunks.
import { describe, expect, it } from 'vitest';
import { loadGrants } from '../../components/load-grants';
import type { Permission, WireToken } from '../../lib/tokens';

const perm = (name: string, level: string): Permission => ({ scope: 'repository', name, level });

function wire(id: number): WireToken {
  return {
    grantId: id,
    tokenId: id,
    tokenName: `t${id}`,
    ownerLogin: `u${id}`,
    ownerId: id,
    ownerAvatarUrl: null,
    repositorySelection: 'all',
    permissions: [perm('contents', id % 2 ? 'write' : 'read'), perm('metadata', 'read')],
    grantedAt: 0,
    expiresAt: null,
    expired: false,
    lastUsedAt: null,
  };
}

describe('loadGrants', () => {
  it('shares equal permissions between the tokens of every chunk', async () => {
    const all = Array.from({ length: 10 }, (_, i) => wire(i + 1));
    const send = (async (name: string, input: { offset?: number }) => {
      if (name === 'grants.load') return { ok: true, data: { org: 'acme', loadedAt: 1, count: all.length } };
      const offset = input.offset ?? 0;
      const next = offset + 4 < all.length ? offset + 4 : null;
      // A copy per reply, as a message gives.
      const tokens = JSON.parse(JSON.stringify(all.slice(offset, offset + 4)));
      return { ok: true, data: { org: 'acme', loadedAt: 1, tokens, next } };
    }) as never;
    const reply = await loadGrants({ send, watch: () => () => {} }, 'acme', false, () => {});
    if (!reply.ok) throw new Error('loaded expected');
    const { tokens } = reply.data;
    expect(tokens.map((t) => t.grantId)).toEqual(all.map((t) => t.grantId));
    const metadata = new Set(tokens.map((t) => t.permissions[1]));
    expect(metadata.size).toBe(1);
    const contents = new Set(tokens.map((t) => t.permissions[0]));
    expect(contents.size).toBe(2);
    expect(tokens.map((t) => t.permissions)).toEqual(all.map((t) => t.permissions));
  });
});
