// @vitest-environment node
// The fake's SAML SSO credential authorizations: listed and removed only on SAML orgs, with the
// App's "Administration" permission, never on GHES, and every exchange valid against GHEC's
// OpenAPI description.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { validateAll, validateExchange } from './openapi.ts';
import { type FakeGitHub, startFakeGitHub } from './server.ts';
import { DEFAULT_PERMISSIONS } from './state.ts';
import { type Api, apiFor, mintInstallationToken } from './testkit.ts';

let fake: FakeGitHub;
let api: Api;
let token: string;
const admin = { ...DEFAULT_PERMISSIONS, administration: 'write' };

beforeAll(async () => {
  fake = await startFakeGitHub();
  api = apiFor(fake);
});
afterAll(async () => fake?.close());
beforeEach(async () => {
  fake.reset();
  fake.seedOrg('sso-corp', { grants: 5, saml: true, credentials: 150, hostile: true, permissions: admin });
  fake.seedOrg('plain', { grants: 5, credentials: 10, permissions: admin });
  fake.seedOrg('no-admin', { grants: 5, saml: true, credentials: 10 });
  fake.seedOrg('admin-read', {
    grants: 5,
    saml: true,
    credentials: 10,
    permissions: { ...DEFAULT_PERMISSIONS, administration: 'read' },
  });
  token = await mintInstallationToken(fake, 'sso-corp');
});

const list = (org: string, query: string, bearer = token, host = 'https://api.github.com') =>
  api(`${host}/orgs/${org}/credential-authorizations${query}`, { token: bearer });

describe('credential authorizations on a SAML org', () => {
  test('pages of at most 100 with no Link header, in a stable order, until a short page', async () => {
    const first = await list('sso-corp', '?per_page=100');
    expect(first.status).toBe(200);
    expect(first.headers.get('link')).toBeNull();
    const page1 = (await first.json()) as { credential_id: number }[];
    const page2 = (await (await list('sso-corp', '?per_page=100&page=2')).json()) as {
      credential_id: number;
    }[];
    expect(page1).toHaveLength(100);
    expect(page2).toHaveLength(50);
    const ids = [...page1, ...page2].map((c) => c.credential_id);
    expect(new Set(ids).size).toBe(150);
    expect(ids).toEqual(fake.liveCredentials('sso-corp').map((c) => c.credential_id));
    expect(await (await list('sso-corp', '')).json()).toHaveLength(30);
    expect(validateAll(fake.requests)).toEqual([]);
    // Beyond the documented maximum: clamped to 100 (and the validator says it is beyond).
    expect(await (await list('sso-corp', '?per_page=200')).json()).toHaveLength(100);
  });

  test('types carry their own fields: SSH keys a fingerprint and title, tokens scopes and expiry', async () => {
    const all = fake.liveCredentials('sso-corp');
    const ssh = all.find((c) => c.credential_type === 'SSH key');
    const pat = all.find((c) => c.credential_type === 'personal access token');
    expect(ssh).toHaveProperty('fingerprint');
    expect(ssh).not.toHaveProperty('scopes');
    expect(pat).toHaveProperty('scopes');
    expect(pat).toHaveProperty('authorized_credential_expires_at');
    expect(pat).not.toHaveProperty('fingerprint');
  });

  test('login= narrows to one owner, case-insensitively', async () => {
    const login = String(fake.liveCredentials('sso-corp')[0]?.login);
    const own = (await (
      await list('sso-corp', `?per_page=100&login=${encodeURIComponent(login.toUpperCase())}`)
    ).json()) as {
      login: string;
    }[];
    const expected = fake.liveCredentials('sso-corp').filter((c) => c.login === login);
    expect(own.length).toBe(Math.min(100, expected.length));
    expect(own.every((c) => c.login === login)).toBe(true);
    expect(validateAll(fake.requests)).toEqual([]);
  });

  test('DELETE removes one authorization (204), then it is gone and a second DELETE is 404', async () => {
    const id = Number(fake.liveCredentials('sso-corp')[3]?.credential_id);
    const path = `/orgs/sso-corp/credential-authorizations/${id}`;
    const removed = await api(path, { method: 'DELETE', token });
    expect(removed.status).toBe(204);
    expect(fake.removedCredentialIds('sso-corp')).toEqual([id]);
    expect(fake.liveCredentials('sso-corp').some((c) => c.credential_id === id)).toBe(false);
    expect((await api(path, { method: 'DELETE', token })).status).toBe(404);
    expect(fake.removedCredentialIds('sso-corp')).toEqual([id]);
    expect(validateAll(fake.requests)).toEqual([]);
  });
});

describe('where GitHub does not serve them', () => {
  test('an org without SAML answers 404 Not Found', async () => {
    const plain = await mintInstallationToken(fake, 'plain');
    const res = await list('plain', '', plain);
    expect(res.status).toBe(404);
    expect((await res.json()).message).toBe('Not Found');
  });

  test('without "Administration" the App gets 403 naming the permission; read-only cannot remove', async () => {
    const res = await list('no-admin', '', await mintInstallationToken(fake, 'no-admin'));
    expect(res.status).toBe(403);
    expect(res.headers.get('x-accepted-github-permissions')).toBe('administration=read');
    const reader = await mintInstallationToken(fake, 'admin-read');
    expect((await list('admin-read', '', reader)).status).toBe(200);
    const id = fake.liveCredentials('admin-read')[0]?.credential_id;
    const del = await api(`/orgs/admin-read/credential-authorizations/${id}`, {
      method: 'DELETE',
      token: reader,
    });
    expect(del.status).toBe(403);
    expect(del.headers.get('x-accepted-github-permissions')).toBe('administration=write');
    expect(fake.removedCredentialIds('admin-read')).toEqual([]);
  });

  test('GHES has no such endpoint: 404 on https://HOST/api/v3', async () => {
    const res = await list('sso-corp', '', token, 'https://ghes.test/api/v3');
    expect(res.status).toBe(404);
    expect((await list('sso-corp', '', token)).status).toBe(200);
  });
});

describe('the validator checks them against GHEC', () => {
  test('an item missing a required field, or a bad credential_type, is reported', () => {
    const good = fake.liveCredentials('sso-corp')[0] as Record<string, unknown>;
    const exchange = (body: unknown) => ({
      method: 'GET',
      host: 'api.github.com',
      path: '/orgs/sso-corp/credential-authorizations',
      body: null,
      status: 200,
      responseBody: body,
    });
    expect(validateExchange(exchange([good]))).toEqual([]);
    const { credential_authorized_at: _drop, ...missing } = good;
    expect(validateExchange(exchange([missing])).join()).toMatch(/credential_authorized_at/);
    expect(validateExchange(exchange([{ ...good, credential_type: 'classic' }])).join()).toMatch(
      /credential_type: must be equal to one of the allowed values/,
    );
    const ghes = {
      ...exchange([good]),
      host: 'ghes.test',
      path: '/api/v3/orgs/sso-corp/credential-authorizations',
    };
    expect(validateExchange(ghes).join()).toMatch(/no operation/);
  });
});
