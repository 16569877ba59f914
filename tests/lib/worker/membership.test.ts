// @vitest-environment node
// Sign-in mode asks GitHub for the user's own org role: a member who is not an owner is told
// so in those words, never a permission error; a SAML org hidden from the user token gets
// GitHub's documented fix.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { assertOrgOwner, NotOwnerError } from '../../../lib/github/membership';
import { toReplyError } from '../../../lib/worker/reply-error';
import { createWorker } from '../../../lib/worker/service';
import { type FakeGitHub, startFakeGitHub } from '../../fake-github/server';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 0 });
  fake.seedOrg('acme', { grants: 12, seed: 8, owners: ['octo-owner'], members: ['octo-member'] });
  fake.seedOrg('samlco', { grants: 3, seed: 9, owners: ['octo-owner'], saml: true });
});
afterAll(() => fake.close());
beforeEach(() => {
  fakeBrowser.reset();
  fake.requests.length = 0;
});

async function signedInAs(login: string, apiBaseUrl = 'https://api.github.com') {
  const service = createWorker({ fetch: fake.fetch });
  await service.call('settings.save', {
    mode: 'device',
    clientId: fake.app.clientId,
    apiBaseUrl,
    secretStorage: 'session',
  });
  const issued = fake.createUserToken(login);
  await service.credentials.storeUserAuth({
    token: issued.access_token,
    expiresAt: null,
    refreshToken: null,
    refreshTokenExpiresAt: null,
    login,
  });
  return service;
}

/** What a surface receives: the router's reply for a handler's failure. */
async function replyOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { ok: false as const, error: toReplyError(error, { org: 'acme', action: 'list tokens' }) };
  }
  throw new Error('expected a failure');
}

describe('a member who is not an owner', () => {
  it('reads "{login} is not an owner of {org}" in the connection test, not a permission error', async () => {
    const service = await signedInAs('octo-member');
    const reply = await replyOf(service.call('connection.test', { org: 'acme' }));
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('not_owner');
    expect(!reply.ok && reply.error.message).toMatch(/^octo-member is not an owner of acme\. /);
  });

  it('reads the same when the panel or popup loads the org, and the PAT endpoints are not called', async () => {
    const service = await signedInAs('octo-member');
    const reply = await replyOf(service.call('grants.load', { org: 'acme', refresh: true }));
    expect(!reply.ok && reply.error).toMatchObject({
      code: 'not_owner',
      message: expect.stringMatching(/^octo-member is not an owner of acme\./),
    });
    expect(fake.requests.map((ex) => ex.restPath)).toEqual(['/user/memberships/orgs/acme']);
  });

  it('lets an owner through and asks once per org for the life of the worker', async () => {
    const service = await signedInAs('octo-owner');
    expect((await service.call('grants.load', { org: 'acme', refresh: true })).count).toBe(12);
    await service.call('grants.load', { org: 'acme', refresh: true });
    await service.call('connection.test', { org: 'acme' });
    const asked = fake.requests.filter((ex) => ex.restPath === '/user/memberships/orgs/acme');
    expect(asked).toHaveLength(1);
  });

  it('tells a pending invitee to accept the invitation, and a stranger that GitHub does not show them', async () => {
    const pending = {
      request: async () => ({ data: { state: 'pending', role: 'admin' } }),
    } as unknown as Parameters<typeof assertOrgOwner>[0];
    await expect(assertOrgOwner(pending, 'acme', 'newbie', 'github.com')).rejects.toThrow(
      /^newbie is not an owner of acme yet: accept the invitation/,
    );
    const billing = {
      request: async () => ({ data: { state: 'active', role: 'billing_manager' } }),
    } as unknown as Parameters<typeof assertOrgOwner>[0];
    await expect(assertOrgOwner(billing, 'acme', 'pay', 'github.com')).rejects.toBeInstanceOf(NotOwnerError);
    const service = await signedInAs('nobody-here');
    const reply = await replyOf(service.call('grants.load', { org: 'acme', refresh: true }));
    expect(!reply.ok && reply.error.message).toMatch(
      /^nobody-here is not an owner of acme: GitHub does not show/,
    );
  });
});

describe('when GitHub will not tell the role', () => {
  it('lets a 403 on the membership (org blocks the App, or no "Members" permission) through to the PAT endpoints', async () => {
    const forbidden = {
      request: async () => {
        throw Object.assign(new Error('Resource not accessible by integration'), { status: 403 });
      },
    } as unknown as Parameters<typeof assertOrgOwner>[0];
    expect(await assertOrgOwner(forbidden, 'acme', 'octo-owner', 'github.com')).toBe(false);
    const failing = {
      request: async () => {
        throw Object.assign(new Error('Server Error'), { status: 500 });
      },
    } as unknown as Parameters<typeof assertOrgOwner>[0];
    await expect(assertOrgOwner(failing, 'acme', 'octo-owner', 'github.com')).rejects.toMatchObject({
      status: 500,
    });
  });
});

describe('a SAML org whose resources a user token cannot see', () => {
  it('says to start a SAML session at /orgs/{org}/sso, then sign in again', async () => {
    const service = await signedInAs('octo-owner');
    const reply = await replyOf(service.call('grants.load', { org: 'samlco', refresh: true }));
    expect(!reply.ok && reply.error.message).toContain(
      'start a SAML session at https://github.com/orgs/samlco/sso, revoke this GitHub App',
    );
    expect(!reply.ok && reply.error.message).toMatch(/then sign in with GitHub again\.$/);
  });

  it('names the SSO page on the configured web host (GHE.com)', async () => {
    const service = await signedInAs('octo-owner', 'https://api.octocorp.ghe.com');
    const reply = await replyOf(service.call('connection.test', { org: 'samlco' }));
    expect(!reply.ok && reply.error.message).toContain('https://octocorp.ghe.com/orgs/samlco/sso');
  });
});
