import {
  configurePrivateKey,
  expect,
  loadGrantIds,
  openOptions,
  sendFromPage,
  signInWithDevice,
  test,
} from './fixtures';

test.describe('foundation: credentials through the options page, then list and revoke', () => {
  test('private key: lists all 1,200 grants and revokes exactly a batch of 150', async ({
    context,
    extensionId,
    fake,
  }) => {
    fake.seedOrg('acme', { grants: 1200, seed: 7, hostile: true });
    const page = await openOptions(context, extensionId);
    await configurePrivateKey(page, fake, 'acme');

    const loaded = await loadGrantIds(page, 'acme');
    const expected = fake
      .liveGrants('acme')
      .map((grant) => grant.id)
      .sort((a, b) => a - b);
    expect([...loaded].sort((a, b) => a - b)).toEqual(expected);
    const listCalls = fake.requests.filter(
      (ex) => ex.method === 'GET' && /personal-access-tokens(\?|$)/.test(ex.restPath ?? ''),
    );
    expect(expected.length).toBeGreaterThanOrEqual(1200);
    expect(listCalls.length).toBe(Math.ceil(expected.length / 100) + 1); // + the connection test's probe

    const chosen = loaded.slice(0, 150);
    const started = await sendFromPage(page, 'jobs.start', { kind: 'revoke', org: 'acme', ids: chosen });
    expect(started.ok).toBe(true);
    await expect
      .poll(
        async () => {
          const status = await sendFromPage(page, 'jobs.latest', { org: 'acme' });
          return status.ok ? status.data?.phase : status.error.message;
        },
        { timeout: 30_000 },
      )
      .toBe('done');
    const final = await sendFromPage(page, 'jobs.latest', { org: 'acme' });
    expect(final.ok && final.data).toMatchObject({ total: 150, done: 150, failed: 0, unconfirmed: 0 });
    expect(fake.revokedGrantIds('acme')).toEqual([...chosen].sort((a, b) => a - b));
    const posts = fake.requests.filter(
      (ex) => ex.method === 'POST' && ex.restPath === '/orgs/acme/personal-access-tokens',
    );
    expect(posts.map((ex) => (ex.body as { pat_ids: number[] }).pat_ids.length)).toEqual([100, 50]);
    // Installation tokens were minted once and reused.
    expect(fake.requests.filter((ex) => /access_tokens$/.test(ex.restPath ?? '')).length).toBe(1);
  });

  test('device flow: the owner signs in with a code, and the worker lists with a user token', async ({
    context,
    extensionId,
    fake,
  }) => {
    fake.seedOrg('acme', { grants: 30, seed: 3, owners: ['octo-owner'] });
    const page = await openOptions(context, extensionId);
    await signInWithDevice(context, page, fake, 'octo-owner');

    await page.getByRole('textbox', { name: 'Organization' }).fill('acme');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('status', { name: 'Connection result' })).toContainText(
      'PATrol can list and revoke tokens',
    );
    const loaded = await sendFromPage(page, 'grants.load', { org: 'acme', refresh: true });
    expect(loaded.ok && loaded.data.count).toBe(30);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('Not signed in.')).toBeVisible();
    const after = await sendFromPage(page, 'grants.load', { org: 'acme', refresh: true });
    expect(after.ok ? 'ok' : after.error.code).toBe('not_configured');
  });
});
