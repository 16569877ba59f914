// @vitest-environment node
// GHES 3.10–3.13 as GitHub documents them: grants without token_id / token_name and a
// token_id[] filter that is ignored before 3.13; a JWT issuer that must be the App ID up to 3.13.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readGrants } from '../../../lib/worker/grants-cache';
import { toReplyError } from '../../../lib/worker/reply-error';
import { createWorker } from '../../../lib/worker/service';
import { type FakeGitHub, startFakeGitHub } from '../../fake-github/server';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 0 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fakeBrowser.reset();
  fake.reset();
  fake.seedOrg('eng', { grants: 230, seed: 4 });
});
afterEach(() => {
  fake.config.ghesVersion = undefined;
});

async function privateKeyWorker(clientId: string) {
  const service = createWorker({ fetch: fake.fetch });
  await service.call('settings.save', {
    mode: 'private-key',
    clientId,
    apiBaseUrl: 'https://ghes.test/api/v3',
    privateKey: fake.app.privateKeyPkcs1,
    secretStorage: 'session',
  });
  return service;
}

describe.each(['3.10', '3.11', '3.12'])('GHES %s (no token_id, token_name, token_id[])', (version) => {
  it('lists, revokes and verifies the revocation by reloading the whole org', async () => {
    fake.config.ghesVersion = version;
    const service = await privateKeyWorker(String(fake.app.appId));
    expect((await service.call('grants.load', { org: 'eng', refresh: true })).count).toBe(230);
    const loaded = (await readGrants('eng')) ?? { tokens: [] };
    expect(loaded.tokens).toHaveLength(230);
    expect(loaded.tokens.every((t) => t.tokenId === null && t.tokenName === '')).toBe(true);

    const ids = loaded.tokens.slice(0, 3).map((t) => t.grantId);
    await service.call('jobs.start', { kind: 'revoke', org: 'eng', ids });
    await expect
      .poll(async () => (await service.call('jobs.latest', { org: 'eng' }))?.phase, { timeout: 20_000 })
      .toBe('done');
    expect(await service.call('jobs.latest', { org: 'eng' })).toMatchObject({
      done: 3,
      failed: 0,
      unconfirmed: 0,
    });
    expect(fake.revokedGrantIds('eng')).toEqual([...ids].sort((a, b) => a - b));
    // Without token ids there is nothing to filter by: verified by a full reload, never token_id[].
    expect(fake.requests.some((ex) => ex.path.includes('token_id'))).toBe(false);
    expect((await service.call('grants.load', { org: 'eng', refresh: false })).count).toBe(227);
  });
});

describe('GHES 3.13 and older refuse a Client ID as the JWT issuer', () => {
  it('the connection test names the fix: enter the numeric App ID', async () => {
    fake.config.ghesVersion = '3.13';
    const service = await privateKeyWorker(fake.app.clientId);
    let reply: { ok: false; error: ReturnType<typeof toReplyError> } | undefined;
    try {
      await service.call('connection.test', { org: 'eng' });
    } catch (error) {
      reply = { ok: false, error: toReplyError(error, { org: 'eng', action: 'test the connection' }) };
    }
    expect(reply?.ok).toBe(false);
    expect(reply && !reply.ok && reply.error).toMatchObject({
      code: 'bad_app_id',
      message: expect.stringMatching(/accepts only the numeric App ID.*enter the App ID/),
    });
    // The App ID works on the same server.
    const fixed = await privateKeyWorker(String(fake.app.appId));
    expect((await fixed.call('connection.test', { org: 'eng' })).problems).toEqual([]);
  });
});
