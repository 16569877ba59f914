// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { HIGH_SCOPES, ssoRiskOf, ssoRiskReasons } from '../../lib/sso/risk';
import { credential, DAY, NOW } from './sso-factory';

describe('risk of SSO credentials', () => {
  test('read-only scopes with an expiry, used recently: low', () => {
    const c = credential({ scopes: ['read:org', 'read:packages'] });
    expect(ssoRiskOf(c, NOW)).toBe('low');
    expect(ssoRiskReasons(c, NOW)).toEqual(['Read-only scopes, expires, used recently']);
  });

  test.each(HIGH_SCOPES)('scope %s: high', (scope) => {
    const c = credential({ scopes: ['read:org', scope] });
    expect(ssoRiskOf(c, NOW)).toBe('high');
    expect(ssoRiskReasons(c, NOW)[0]).toBe(`Scope ${scope}`);
  });

  test('scopes compare case-insensitively: "REPO" is repo', () => {
    expect(ssoRiskOf(credential({ scopes: ['REPO'] }), NOW)).toBe('high');
  });

  test('other writing scopes, never expiring, SSH keys and staleness: medium, each with its reason', () => {
    expect(ssoRiskReasons(credential({ scopes: ['gist'] }), NOW)).toEqual(['Scope gist, which can write']);
    expect(ssoRiskOf(credential({ scopes: ['repo:status'] }), NOW)).toBe('low');
    const forever = credential({ expiresAt: null });
    expect([ssoRiskOf(forever, NOW), ssoRiskReasons(forever, NOW)]).toEqual(['medium', ['Never expires']]);
    const ssh = credential({ kind: 'ssh', scopes: [], expiresAt: null });
    expect(ssoRiskOf(ssh, NOW)).toBe('medium');
    expect(ssoRiskReasons(ssh, NOW)[0]).toMatch(/^SSH key/);
    const stale = credential({ accessedAt: NOW - 91 * DAY, authorizedAt: NOW - 200 * DAY });
    expect(ssoRiskReasons(stale, NOW)).toEqual(['Not used in 90 days']);
    expect(ssoRiskOf(credential({ accessedAt: NOW - 89 * DAY }), NOW)).toBe('low');
  });

  test('never used: stale only once the authorization is 90 days old', () => {
    expect(ssoRiskOf(credential({ accessedAt: null, authorizedAt: NOW - 5 * DAY }), NOW)).toBe('low');
    const old = credential({ accessedAt: null, authorizedAt: NOW - 100 * DAY });
    expect(ssoRiskReasons(old, NOW)).toEqual(['Never used']);
  });

  test('a high scope stays high whatever else holds, and lists every reason', () => {
    const c = credential({ scopes: ['admin:org', 'gist'], expiresAt: null });
    expect(ssoRiskOf(c, NOW)).toBe('high');
    expect(ssoRiskReasons(c, NOW)).toEqual([
      'Scope admin:org',
      'Scope gist, which can write',
      'Never expires',
    ]);
  });
});
