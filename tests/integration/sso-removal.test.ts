// @vitest-environment node
// SSO credentials through the real worker over real sockets to the fake GitHub (fake time):
// the tab's load and its designed states, and "Remove authorization" as a job: one DELETE per
// credential, paced by the client's write throttling, parked on a rate limit and resumed,
// verified against a reloaded list, logged.
import { beforeEach, describe, expect, it } from 'vitest';
import { readLog } from '../../lib/cache';
import type { SsoMeta } from '../../lib/protocol';
import { forgetSso } from '../../lib/worker/sso-loader';
import type { Exchange, FakeGitHub } from '../fake-github/server.ts';
import { DEFAULT_PERMISSIONS } from '../fake-github/state.ts';
import {
  drive,
  jobDone,
  ORG,
  privateKeyWorker,
  restartedWorker,
  settle,
  storedJob,
  useFakeGitHub,
} from './harness';

const PATH = `/orgs/${ORG}/credential-authorizations`;
const admin = { ...DEFAULT_PERMISSIONS, administration: 'write' };
let fake: FakeGitHub;
const startedFake = useFakeGitHub();
beforeEach(() => {
  fake = startedFake();
  forgetSso();
});

const deletes = (): Exchange[] =>
  fake.requests.filter((ex) => ex.method === 'DELETE' && (ex.restPath ?? '').startsWith(`${PATH}/`));
const idOf = (ex: Exchange) => Number((ex.restPath ?? '').split('/').pop());
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

async function loaded(service: Awaited<ReturnType<typeof privateKeyWorker>>) {
  const meta = (await settle(service.call('sso.load', { org: ORG, refresh: true }))) as SsoMeta;
  if (meta.state !== 'ok') throw new Error(`expected a list, got ${meta.state}`);
  const chunk = await settle(service.call('sso.read', { org: ORG, loadedAt: meta.loadedAt, offset: 0 }));
  return { meta, credentials: chunk.credentials };
}

describe('SSO credentials in the worker', () => {
  it('loads every page, then removes exactly a selection of 40, one DELETE each, about 1 s apart', async () => {
    fake.seedOrg(ORG, { grants: 10, saml: true, credentials: 150, permissions: admin });
    const service = await privateKeyWorker(fake);
    const { meta, credentials } = await loaded(service);
    expect(meta).toMatchObject({ state: 'ok', count: 150 });
    expect(credentials.map((c) => c.credentialId)).toEqual(
      fake.liveCredentials(ORG).map((c) => c.credential_id),
    );

    const selection = credentials
      .filter((_, i) => i % 3 === 1)
      .slice(0, 40)
      .map((c) => c.credentialId);
    await settle(service.call('sso.remove', { org: ORG, ids: selection }));
    await drive(jobDone);

    expect(sorted(deletes().map(idOf))).toEqual(sorted(selection));
    expect(deletes().every((ex) => ex.status === 204)).toBe(true);
    expect(sorted(fake.removedCredentialIds(ORG))).toEqual(sorted(selection));
    const times = deletes().map((ex) => ex.time);
    for (let i = 1; i < times.length; i++) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(900);
    }
    const job = await storedJob();
    expect(job?.kind).toBe('remove-authorization');
    expect(job?.items.every((item) => item.state === 'done')).toBe(true);
    const log = await readLog();
    expect(sorted(log.map((entry) => entry.grantId))).toEqual(sorted(selection));
    expect(new Set(log.map((entry) => entry.outcome))).toEqual(new Set(['removed']));
    // Verification reloaded the list: the worker's copy lists none of them any more.
    const after = await loaded(service);
    expect(after.meta).toMatchObject({ count: 110 });
  });

  it('parks on a secondary limit mid-batch and resumes without sending a DELETE twice', async () => {
    fake.seedOrg(ORG, { grants: 10, saml: true, credentials: 30, permissions: admin });
    const service = await privateKeyWorker(fake);
    const { credentials } = await loaded(service);
    const selection = credentials.slice(0, 12).map((c) => c.credentialId);
    fake.faults.secondaryRateLimitNext({ method: 'DELETE', pathIncludes: `${PATH}/${selection[5]}` }, 1, 90);
    await settle(service.call('sso.remove', { org: ORG, ids: selection }));
    await drive(jobDone);

    const accepted = deletes()
      .filter((ex) => ex.status === 204)
      .map(idOf);
    expect(sorted(accepted)).toEqual(sorted(selection));
    // The refused one is the only DELETE sent twice: the five before it are not sent again.
    expect(deletes()).toHaveLength(selection.length + 1);
    expect(
      deletes()
        .filter((ex) => ex.fault === 'secondary')
        .map(idOf),
    ).toEqual([selection[5]]);
    expect(sorted(fake.removedCredentialIds(ORG))).toEqual(sorted(selection));
    const refused = deletes().find((ex) => ex.fault === 'secondary');
    const retried = deletes().filter((ex) => ex.status === 204 && idOf(ex) === selection[5])[0];
    expect((retried?.time ?? 0) - (refused?.time ?? 0)).toBeGreaterThanOrEqual(90_000);
  });

  it('resumes after Chrome stops the worker mid-batch: GitHub ends with exactly the selection', async () => {
    fake.seedOrg(ORG, { grants: 10, saml: true, credentials: 30, permissions: admin });
    // The worker stops while its 6th DELETE is in flight: GitHub applies it, nobody hears back.
    let sent = 0;
    let stopped = false;
    const never = new Promise<Response>(() => {});
    const stoppable = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      if (stopped) return never;
      if (init?.method === 'DELETE' && ++sent === 6) {
        stopped = true;
        void fake.fetch(input, init).catch(() => undefined);
        return never;
      }
      return fake.fetch(input, init);
    };
    const first = await privateKeyWorker(fake, { fetch: stoppable });
    const { credentials } = await loaded(first);
    const selection = credentials.slice(0, 12).map((c) => c.credentialId);
    await settle(first.call('sso.remove', { org: ORG, ids: selection }));
    await drive(() => fake.removedCredentialIds(ORG).length === 6);
    expect((await storedJob())?.phase).toBe('running');

    forgetSso();
    const second = restartedWorker(fake);
    await settle(second.resumeJobs());
    await drive(jobDone);

    expect(sorted(fake.removedCredentialIds(ORG))).toEqual(sorted(selection));
    // The batch is sent again from its start: those already gone answer 404, which counts as removed.
    expect(deletes().filter((ex) => ex.status === 204)).toHaveLength(12);
    expect(
      deletes()
        .filter((ex) => ex.status === 404)
        .map(idOf),
    ).toEqual(selection.slice(0, 6));
    const job = await storedJob();
    expect(job?.items.every((item) => item.state === 'done')).toBe(true);
  });

  it('sign-out forgets the credentials: nothing of the old list is served afterwards', async () => {
    fake.seedOrg(ORG, { grants: 10, saml: true, credentials: 5, permissions: admin });
    const service = await privateKeyWorker(fake);
    const { meta } = await loaded(service);
    await settle(service.call('signout', {}));
    await expect(
      settle(
        service.call('sso.read', { org: ORG, loadedAt: meta.state === 'ok' ? meta.loadedAt : 0, offset: 0 }),
      ),
    ).rejects.toBeTruthy();
    const again = await privateKeyWorker(fake);
    await expect(
      settle(
        again.call('sso.read', { org: ORG, loadedAt: meta.state === 'ok' ? meta.loadedAt : 0, offset: 0 }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses ids that are not listed, changing nothing', async () => {
    fake.seedOrg(ORG, { grants: 10, saml: true, credentials: 5, permissions: admin });
    const service = await privateKeyWorker(fake);
    await loaded(service);
    await expect(settle(service.call('sso.remove', { org: ORG, ids: [123] }))).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(deletes()).toEqual([]);
  });

  it('says why there is nothing to show: no SAML, no Administration, GHES', async () => {
    fake.seedOrg(ORG, { grants: 10, credentials: 5, permissions: admin });
    const service = await privateKeyWorker(fake);
    const noSaml = await settle(service.call('sso.load', { org: ORG, refresh: true }));
    expect(noSaml).toMatchObject({ state: 'no_saml' });
    expect((noSaml as { message: string }).message).toMatch(/Enable SAML authentication/);

    fake.seedOrg('locked-down', { grants: 10, saml: true, credentials: 5 });
    const noAdmin = await settle(service.call('sso.load', { org: 'locked-down', refresh: true }));
    expect(noAdmin).toMatchObject({ state: 'no_permission' });
    expect((noAdmin as { message: string }).message).toMatch(/"Administration"/);

    const requestsBefore = fake.requests.length;
    await settle(
      service.call('settings.save', {
        mode: 'private-key',
        clientId: fake.app.clientId,
        apiBaseUrl: 'https://ghes.test/api/v3',
        privateKey: fake.app.privateKeyPkcs1,
        secretStorage: 'session',
      }),
    );
    const ghes = await settle(service.call('sso.load', { org: ORG, refresh: true }));
    expect(ghes).toMatchObject({ state: 'ghes' });
    expect(
      fake.requests.slice(requestsBefore).filter((ex) => ex.path.includes('credential-authorizations')),
    ).toEqual([]);
  });
});
