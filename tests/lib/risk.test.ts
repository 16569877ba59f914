import { describe, expect, it } from 'vitest';
import { RISK_LEVELS, riskOf, riskReasons, SENSITIVE_PERMISSIONS } from '../../lib/risk';
import type { Permission, RepositorySelection } from '../../lib/tokens';
import { makeToken, perm } from './token-factory';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const EXPIRES = new Date('2026-01-01T00:00:00Z');

function tokenWith(
  permissions: Permission[],
  repositorySelection: RepositorySelection = 'subset',
  expiresAt: Date | null = EXPIRES,
) {
  return makeToken({ permissions, repositorySelection, expiresAt });
}

describe('SENSITIVE_PERMISSIONS', () => {
  it('lists the documented permissions once each, in GitHub spelling', () => {
    expect(new Set(SENSITIVE_PERMISSIONS).size).toBe(SENSITIVE_PERMISSIONS.length);
    for (const name of SENSITIVE_PERMISSIONS) expect(name).toMatch(/^[a-z_]+$/);
    expect(SENSITIVE_PERMISSIONS).toEqual(
      expect.arrayContaining([
        'organization_administration',
        'administration',
        'secrets',
        'organization_secrets',
        'workflows',
        'actions',
        'members',
        'environments',
        'organization_personal_access_tokens',
      ]),
    );
    expect(SENSITIVE_PERMISSIONS).not.toContain('contents');
    expect(SENSITIVE_PERMISSIONS).not.toContain('pages');
    expect(RISK_LEVELS).toEqual(['high', 'medium', 'low']);
  });

  it.each(SENSITIVE_PERMISSIONS.map((name) => [name]))(
    'write or admin on %s is high, read is not',
    (name) => {
      const scope = name.startsWith('organization') || name === 'members' ? 'organization' : 'repository';
      expect(riskOf(tokenWith([perm(scope, name, 'write')]), NOW)).toBe('high');
      expect(riskOf(tokenWith([perm(scope, name, 'admin')]), NOW)).toBe('high');
      expect(riskOf(tokenWith([perm(scope, name, 'read')]), NOW)).toBe('low');
    },
  );
});

describe('riskOf', () => {
  it.each<[string, Permission[], RepositorySelection, Date | null, 'high' | 'medium' | 'low']>([
    ['read-only with an expiry', [perm('repository', 'contents', 'read')], 'subset', EXPIRES, 'low'],
    ['no permissions with an expiry', [], 'none', EXPIRES, 'low'],
    ['read-only on all repositories', [perm('repository', 'contents', 'read')], 'all', EXPIRES, 'low'],
    ['read-only, never expires', [perm('repository', 'contents', 'read')], 'subset', null, 'medium'],
    ['no permissions, never expires', [], 'none', null, 'medium'],
    ['write on contents, selected', [perm('repository', 'contents', 'write')], 'subset', EXPIRES, 'medium'],
    ['write on contents, all', [perm('repository', 'contents', 'write')], 'all', EXPIRES, 'high'],
    ['admin on projects, all', [perm('repository', 'repository_projects', 'admin')], 'all', EXPIRES, 'high'],
    [
      'org write, all repos read',
      [perm('organization', 'organization_projects', 'write'), perm('repository', 'contents', 'read')],
      'all',
      EXPIRES,
      'medium',
    ],
    ['other-scope write', [perm('other', 'gists', 'write')], 'subset', EXPIRES, 'medium'],
    ['upper-case level', [perm('repository', 'secrets', 'WRITE')], 'subset', EXPIRES, 'high'],
    ['unknown level ranks as none', [perm('repository', 'secrets', 'sideways')], 'subset', EXPIRES, 'low'],
    [
      'sensitive read next to plain write',
      [perm('repository', 'secrets', 'read'), perm('repository', 'issues', 'write')],
      'subset',
      EXPIRES,
      'medium',
    ],
  ])('%s', (_label, permissions, selection, expiresAt, expected) => {
    expect(riskOf(tokenWith(permissions, selection, expiresAt), NOW)).toBe(expected);
  });

  it('keeps the level of an expired token (it could be regenerated)', () => {
    const t = makeToken({
      permissions: [perm('repository', 'secrets', 'write')],
      expiresAt: new Date(NOW - 1000),
      expired: true,
    });
    expect(riskOf(t, NOW)).toBe('high');
  });
});

describe('riskReasons', () => {
  it('explains high before medium reasons, in permission order', () => {
    const t = tokenWith(
      [
        perm('repository', 'issues', 'write'),
        perm('repository', 'secrets', 'admin'),
        perm('repository', 'contents', 'write'),
        perm('organization', 'members', 'read'),
      ],
      'all',
      null,
    );
    expect(riskReasons(t, NOW)).toEqual([
      'write on repository/issues in all repositories',
      'admin on repository/secrets, a sensitive permission',
      'write on repository/contents in all repositories',
      'Never expires',
    ]);
  });

  it('explains medium', () => {
    const t = tokenWith([perm('repository', 'issues', 'Write'), perm('other', 'gists', 'read')]);
    expect(riskReasons(t, NOW)).toEqual(['write on repository/issues']);
  });

  it('explains low with the expiry date, past or future', () => {
    expect(riskReasons(tokenWith([perm('repository', 'contents', 'read')]), NOW)).toEqual([
      'Read-only, expires 2026-01-01',
    ]);
    const gone = tokenWith([], 'none', new Date('2025-05-01T10:00:00Z'));
    expect(riskReasons(gone, NOW)).toEqual(['Read-only, expired 2025-05-01']);
  });

  it('gives at least one reason for every level', () => {
    for (const t of [
      tokenWith([perm('repository', 'workflows', 'write')]),
      tokenWith([], 'none', null),
      tokenWith([]),
    ]) {
      expect(riskReasons(t, NOW).length).toBeGreaterThan(0);
    }
  });
});
