// @vitest-environment node
// The worker's membership: `members.load` reads owners and members once and keeps them; an App
// without "Members: read" gets a view that says how to grant it, and the connection test says
// the same; sign-out forgets membership.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readMembers } from '../../../lib/members-store';
import { createWorker } from '../../../lib/worker/service';
import { type FakeGitHub, startFakeGitHub } from '../../fake-github/server';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 0 });
  const org = fake.seedOrg('acme', { grants: 12, seed: 8 });
  org.members.delete(org.users[0]?.login.toLowerCase() ?? '');
  fake.seedOrg('nomembers', { grants: 3, permissions: { organization_personal_access_tokens: 'write' } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fakeBrowser.reset();
  fake.requests.length = 0;
});

async function worker() {
  const service = createWorker({ fetch: fake.fetch });
  await service.call('settings.save', {
    mode: 'private-key',
    clientId: fake.app.clientId,
    apiBaseUrl: 'https://api.github.com',
    privateKey: fake.app.privateKeyPkcs1,
    secretStorage: 'session',
  });
  return service;
}

describe('members.load', () => {
  it('gives owners and members, and asks GitHub again only on refresh', async () => {
    const service = await worker();
    const view = await service.call('members.load', { org: 'acme', refresh: false });
    if (!view.available) throw new Error(view.message);
    const org = fake.state.orgs.get('acme');
    expect(view.roles['octo-owner']).toBe('owner');
    expect(view.roles['octo-member']).toBe('member');
    expect(Object.keys(view.roles)).toHaveLength(org?.members.size ?? -1);
    expect(view.roles[org?.users[0]?.login.toLowerCase() ?? '']).toBeUndefined();
    const asked = () => fake.requests.filter((r) => r.restPath?.startsWith('/orgs/acme/members')).length;
    expect(asked()).toBe(2);
    await service.call('members.load', { org: 'acme', refresh: false });
    expect(asked()).toBe(2);
    await service.call('members.load', { org: 'acme', refresh: true });
    expect(asked()).toBe(4);
    expect(await readMembers('acme')).toEqual(
      await service.call('members.load', { org: 'acme', refresh: false }),
    );
    await service.call('signout', {});
    expect(await readMembers('acme')).toBeNull();
  });

  it('without Members: read, says how to grant it (membership unknown, not an error)', async () => {
    const service = await worker();
    const view = await service.call('members.load', { org: 'nomembers', refresh: false });
    expect(view).toMatchObject({ available: false, message: expect.stringMatching(/Members: Read-only/) });
  });
});

describe('the connection test', () => {
  it('notes how to enable membership when the App lacks Members: read', async () => {
    const service = await worker();
    const without = await service.call('connection.test', { org: 'nomembers' });
    expect(without.notes).toEqual([
      expect.stringMatching(/member: finds nothing\. Give the GitHub App.*Members/),
    ]);
    const withIt = await service.call('connection.test', { org: 'acme' });
    expect(withIt.notes).toEqual([]);
  });
});
