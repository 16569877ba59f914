// Shared helpers for the fake's own tests (not a test file).
import { sign } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './server.ts';

export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export const nowSec = (): number => Math.floor(Date.now() / 1000);

/** Sign an app JWT (RS256) with the fake app's key, or another PEM. */
export function jwt(
  fake: FakeGitHub,
  payload: Record<string, unknown>,
  key = fake.app.privateKeyPkcs1,
): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(payload)}`;
  return `${data}.${sign('RSA-SHA256', Buffer.from(data), key).toString('base64url')}`;
}

export const appJwt = (fake: FakeGitHub): string =>
  jwt(fake, { iat: nowSec() - 30, exp: nowSec() + 570, iss: fake.app.appId });

export type Api = (path: string, init?: RequestInit & { token?: string }) => Promise<Response>;

/** fetch against https://api.github.com (or an absolute URL) with an optional Bearer token. */
export function apiFor(fake: FakeGitHub): Api {
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.body) headers.set('content-type', 'application/json');
    const url = path.startsWith('https://') ? path : `https://api.github.com${path}`;
    return fake.fetch(url, { ...init, headers });
  };
}

export async function mintInstallationToken(fake: FakeGitHub, org = 'acme'): Promise<string> {
  const api = apiFor(fake);
  const inst = await (await api(`/orgs/${org}/installation`, { token: appJwt(fake) })).json();
  const res = await api(`/app/installations/${inst.id}/access_tokens`, {
    method: 'POST',
    token: appJwt(fake),
  });
  return (await res.json()).token;
}

export interface SeededFake {
  fake: FakeGitHub;
  api: Api;
  installToken: string;
}

/**
 * One fake for the file, reset before each test to two seeded orgs (acme: 1,200 grants with
 * hostile names; other: 10) and a fresh installation token for acme.
 */
export function useSeededFake(): SeededFake {
  const seeded = {} as SeededFake;
  beforeAll(async () => {
    seeded.fake = await startFakeGitHub({ revokeDelayMs: 300, deviceInterval: 1 });
    seeded.api = apiFor(seeded.fake);
  });
  afterAll(async () => seeded.fake?.close());
  beforeEach(async () => {
    seeded.fake.reset();
    seeded.fake.seedOrg('acme', { grants: 1200, seed: 42, hostile: true });
    seeded.fake.seedOrg('other', { grants: 10 });
    seeded.installToken = await mintInstallationToken(seeded.fake);
  });
  return seeded;
}
