// @vitest-environment node
// lib/github/credential-authorizations.ts through the worker's own Octokit against the fake
// GitHub: every page, the login filter, removal (204, then 404 = already gone), and the
// answers of orgs without SAML, without "Administration", and on GHES.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { BudgetGate, RequestBudget } from '../../lib/github/budget';
import { createClient, type GitHubClient } from '../../lib/github/client';
import {
  listCredentialAuthorizations,
  removeCredentialAuthorization,
} from '../../lib/github/credential-authorizations';
import { EtagMemo } from '../../lib/github/etag-memo';
import { normaliseCredential } from '../../lib/sso/credential';
import { validateAll } from '../fake-github/openapi';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server';
import { DEFAULT_PERMISSIONS } from '../fake-github/state';
import { mintInstallationToken } from '../fake-github/testkit';

let fake: FakeGitHub;
const admin = { ...DEFAULT_PERMISSIONS, administration: 'write' };

beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(async () => fake?.close());
beforeEach(() => {
  fake.reset();
  fake.seedOrg('sso-corp', { grants: 3, saml: true, credentials: 250, hostile: true, permissions: admin });
  fake.seedOrg('plain', { grants: 3, credentials: 5, permissions: admin });
  fake.seedOrg('no-admin', { grants: 3, saml: true, credentials: 5 });
});

async function clientFor(org: string, baseUrl = 'https://api.github.com'): Promise<GitHubClient> {
  return createClient({
    baseUrl,
    auth: await mintInstallationToken(fake, org),
    fetch: fake.fetch as unknown as typeof fetch,
    gate: new BudgetGate(new RequestBudget()),
    memo: new EtagMemo(),
    retryAfterBaseValue: 10,
  });
}

const listRequests = () => fake.requests.filter((r) => r.path.includes('/credential-authorizations'));

describe('listCredentialAuthorizations', () => {
  test('reads every page of 100 and stops at the short page', async () => {
    const progress: number[] = [];
    const all = await listCredentialAuthorizations(await clientFor('sso-corp'), 'sso-corp', {
      onProgress: (n) => progress.push(n),
    });
    const expected = fake.liveCredentials('sso-corp').map(normaliseCredential);
    expect(all).toEqual(expected);
    expect(listRequests().map((r) => r.path)).toEqual([
      '/orgs/sso-corp/credential-authorizations?per_page=100&page=1',
      '/orgs/sso-corp/credential-authorizations?per_page=100&page=2',
      '/orgs/sso-corp/credential-authorizations?per_page=100&page=3',
    ]);
    expect(progress).toEqual([100, 200, 250]);
    expect(validateAll(fake.requests)).toEqual([]);
  });

  test('passes GitHub’s login filter', async () => {
    const login = String(fake.liveCredentials('sso-corp')[0]?.login);
    const own = await listCredentialAuthorizations(await clientFor('sso-corp'), 'sso-corp', { login });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.login === login)).toBe(true);
    expect(listRequests()[0]?.path).toContain(`login=${encodeURIComponent(login)}`);
  });

  test('errors keep GitHub’s status: 404 without SAML, 403 without Administration, 404 on GHES', async () => {
    const status = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: { status?: number }) => e.status,
      );
    expect(await status(listCredentialAuthorizations(await clientFor('plain'), 'plain'))).toBe(404);
    expect(await status(listCredentialAuthorizations(await clientFor('no-admin'), 'no-admin'))).toBe(403);
    const ghes = await clientFor('sso-corp', 'https://ghes.test/api/v3');
    expect(await status(listCredentialAuthorizations(ghes, 'sso-corp'))).toBe(404);
  });
});

describe('removeCredentialAuthorization', () => {
  test('removes exactly that authorization; a second try is "absent", not an error', async () => {
    const client = await clientFor('sso-corp');
    const id = Number(fake.liveCredentials('sso-corp')[7]?.credential_id);
    expect(await removeCredentialAuthorization(client, 'sso-corp', id)).toBe('removed');
    expect(fake.removedCredentialIds('sso-corp')).toEqual([id]);
    expect(await removeCredentialAuthorization(client, 'sso-corp', id)).toBe('absent');
    const left = await listCredentialAuthorizations(client, 'sso-corp');
    expect(left).toHaveLength(249);
    expect(left.some((c) => c.credentialId === id)).toBe(false);
    expect(validateAll(fake.requests)).toEqual([]);
  });

  test('other refusals are thrown (403 without Administration)', async () => {
    const client = await clientFor('no-admin');
    const id = Number(fake.liveCredentials('no-admin')[0]?.credential_id);
    await expect(removeCredentialAuthorization(client, 'no-admin', id)).rejects.toMatchObject({
      status: 403,
    });
    expect(fake.removedCredentialIds('no-admin')).toEqual([]);
  });
});

describe('normaliseCredential', () => {
  test('maps GitHub’s types and times; SSH keys take their title, tokens their note', () => {
    const ssh = normaliseCredential({
      login: 'a',
      credential_id: 5,
      credential_type: 'SSH key',
      credential_authorized_at: '2026-01-02T03:04:05+02:00',
      credential_accessed_at: null,
      authorized_credential_id: null,
      fingerprint: 'SHA256:x',
      authorized_credential_title: 'laptop',
    });
    expect(ssh).toMatchObject({ kind: 'ssh', label: 'laptop', accessedAt: null, scopes: [] });
    expect(ssh?.authorizedAt).toBe(Date.UTC(2026, 0, 2, 1, 4, 5));
    const pat = normaliseCredential({
      login: 'b',
      credential_id: 6,
      credential_type: 'personal access token',
      credential_authorized_at: '2026-01-02T00:00:00Z',
      credential_accessed_at: '2026-01-03T00:00:00Z',
      authorized_credential_id: 9,
      scopes: ['repo', 7],
      authorized_credential_note: 'ci',
      authorized_credential_expires_at: null,
    });
    expect(pat).toMatchObject({ kind: 'pat', label: 'ci', scopes: ['repo'], expiresAt: null });
    expect(normaliseCredential({ credential_id: 'x' })).toBeNull();
  });
});
