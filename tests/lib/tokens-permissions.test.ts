// @vitest-environment node
// normaliseGrant shares one frozen object per distinct permission (50,000 grants hold about
// 400,000 permissions but a few hundred distinct ones), and sharing never mixes two apart.
import { describe, expect, it } from 'vitest';
import { normaliseGrant } from '../../lib/tokens';

const grant = (id: number, repository: Record<string, string>) => ({
  id,
  owner: { login: `user${id}`, id },
  permissions: { organization: {}, repository, other: {} },
});

describe('permissions of normalised grants', () => {
  it('are one frozen object per distinct scope, name and level', () => {
    const a = normaliseGrant(grant(1, { contents: 'write', metadata: 'read' }));
    const b = normaliseGrant(grant(2, { metadata: 'read', contents: 'read' }));
    expect(a.permissions[1]).toBe(b.permissions[0]);
    expect(Object.isFrozen(a.permissions[0])).toBe(true);
    expect(a.permissions[0]).not.toBe(b.permissions[1]);
    expect(a.permissions[0]).toEqual({ scope: 'repository', name: 'contents', level: 'write' });
    expect(b.permissions[1]).toEqual({ scope: 'repository', name: 'contents', level: 'read' });
  });

  it('keep names and levels that share characters apart', () => {
    const a = normaliseGrant(grant(3, { 'x y': 'read' }));
    const b = normaliseGrant(grant(4, { y: 'read x' }));
    expect(a.permissions[0]).toEqual({ scope: 'repository', name: 'x y', level: 'read' });
    expect(b.permissions[0]).toEqual({ scope: 'repository', name: 'y', level: 'read x' });
  });
});
