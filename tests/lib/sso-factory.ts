// Builds SSO credentials for tests: a classic token by default, fields overridable.
import type { SsoCredential } from '../../lib/sso/credential';

export const NOW = Date.UTC(2026, 5, 15, 12);
export const DAY = 86_400_000;

let next = 1;
export function credential(over: Partial<SsoCredential> = {}): SsoCredential {
  const id = next++;
  return {
    credentialId: id,
    authorizedCredentialId: 1000 + id,
    login: `user${id}`,
    kind: 'pat',
    githubType: 'personal access token',
    lastEight: `abcd${String(id).padStart(4, '0')}`,
    scopes: ['read:org'],
    fingerprint: null,
    label: `note ${id}`,
    authorizedAt: NOW - 10 * DAY,
    accessedAt: NOW - DAY,
    expiresAt: NOW + 30 * DAY,
    ...over,
  };
}
