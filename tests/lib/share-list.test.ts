// @vitest-environment node
// A list that came through an extension message (JSON: every text and permission a copy) gets
// its repeated parts shared again, without changing a value or editing what it was given.
import { describe, expect, it } from 'vitest';
import { createTokenSharer } from '../../lib/share-list';
import { normaliseGrant, toWire, type WireToken } from '../../lib/tokens';

const grant = (id: number, login: string, name: string, repository: Record<string, string>) =>
  toWire(
    normaliseGrant({
      id,
      token_name: name,
      owner: { login, id, avatar_url: `https://avatars.example/u/${login}` },
      permissions: { organization: {}, repository, other: {} },
    }),
  );

const viaMessage = (tokens: WireToken[]): WireToken[] => JSON.parse(JSON.stringify(tokens));

describe('createTokenSharer', () => {
  it('gives tokens with equal texts and permissions the same strings, objects and arrays', () => {
    const made = [
      grant(1, 'maya-chen-the-second', 'deploy to production', { contents: 'write', metadata: 'read' }),
      grant(2, 'maya-chen-the-second', 'deploy to production', { contents: 'write', metadata: 'read' }),
      grant(3, 'zoe', 'local dev', { contents: 'read' }),
    ];
    const share = createTokenSharer();
    const [a, b, c] = viaMessage(made).map(share);
    if (!a || !b || !c) throw new Error('three tokens expected');
    expect(a.permissions).toBe(b.permissions);
    expect(a.permissions).not.toBe(c.permissions);
    expect(Object.isFrozen(a.permissions)).toBe(true);
    expect(a.permissions[0]).toBe(made[0]?.permissions[0]);
    expect(a.ownerAvatarUrl).toBe(b.ownerAvatarUrl);
    // Every value is what it was.
    expect([a, b, c]).toEqual(made);
  });

  it('keeps permission lists apart that differ in one level or in order', () => {
    const share = createTokenSharer();
    const [a, b, c] = viaMessage([
      grant(1, 'a', 'x', { contents: 'write', metadata: 'read' }),
      grant(2, 'a', 'x', { contents: 'read', metadata: 'read' }),
      grant(3, 'a', 'x', { metadata: 'read', contents: 'write' }),
    ]).map(share);
    expect(a?.permissions).not.toBe(b?.permissions);
    expect(a?.permissions).not.toBe(c?.permissions);
    expect(c?.permissions.map((p) => p.name)).toEqual(['metadata', 'contents']);
  });

  it('never edits the array it was given, so the same objects can come in twice', () => {
    const share = createTokenSharer();
    const token = viaMessage([grant(1, 'a', 'x', { contents: 'write' })])[0] as WireToken;
    const given = token.permissions;
    share(token);
    expect(token.permissions).not.toBe(given);
    expect(Object.isFrozen(given)).toBe(false);
    // Again, now with the shared (frozen) array: no TypeError, the same list.
    const first = token.permissions;
    share(token);
    expect(token.permissions).toBe(first);
  });
});
