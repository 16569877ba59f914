// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { groupPermissions, tokenPageUrl } from '../../lib/token-details';
import { perm } from './token-factory';

describe('token details', () => {
  it('groups permissions as Organization, Repository and Account, strongest first', () => {
    const groups = groupPermissions([
      perm('repository', 'metadata', 'read'),
      perm('other', 'gpg_keys', 'read'),
      perm('repository', 'contents', 'write'),
      perm('organization', 'members', 'admin'),
      perm('repository', 'actions', 'write'),
    ]);
    expect(groups.map((g) => [g.label, g.permissions.map((p) => `${p.name}:${p.level}`)])).toEqual([
      ['Organization', ['members:admin']],
      ['Repository', ['actions:write', 'contents:write', 'metadata:read']],
      ['Account', ['gpg_keys:read']],
    ]);
    expect(groupPermissions([])).toEqual([]);
  });

  it("links to GitHub's page for the token, on the configured host", () => {
    expect(tokenPageUrl('github.com', 'acme', 42)).toBe(
      'https://github.com/organizations/acme/settings/personal-access-tokens/42',
    );
    expect(tokenPageUrl('ghe.example.com', 'acme', 7)).toBe(
      'https://ghe.example.com/organizations/acme/settings/personal-access-tokens/7',
    );
  });
});
