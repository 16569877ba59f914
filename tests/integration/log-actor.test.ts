// @vitest-environment node
// Who the log says acted (PRODUCT.md "Revocation": the signed-in login, or "App {name}" in
// private-key mode), with the real worker against the fake GitHub.
import { beforeEach, describe, expect, it } from 'vitest';
import { readLog } from '../../lib/cache';
import { identityItem } from '../../lib/storage';
import type { FakeGitHub } from '../fake-github/server.ts';
import { drive, jobDone, loadAllGrantIds, ORG, privateKeyWorker, settle, useFakeGitHub } from './harness';

let fake: FakeGitHub;
const startedFake = useFakeGitHub();
beforeEach(() => {
  fake = startedFake();
});

describe('the log records who acted', () => {
  it('in private-key mode as "App {slug}", without a connection test first', async () => {
    fake.seedOrg(ORG, { grants: 6, seed: 3 });
    const worker = await privateKeyWorker(fake);
    const ids = (await loadAllGrantIds(worker)).slice(0, 2);
    await settle(worker.call('jobs.start', { kind: 'revoke', org: ORG, ids }));
    await drive(jobDone);
    const log = await readLog();
    expect(log.map((e) => [e.grantId, e.outcome, e.actor])).toEqual(
      ids.map((id) => [id, 'revoked', 'App patrol-fake']),
    );
    expect(await identityItem.getValue()).toBe('App patrol-fake');
  });

  it('says "App {slug}" after a connection test too', async () => {
    fake.seedOrg(ORG, { grants: 3, seed: 4 });
    const worker = await privateKeyWorker(fake);
    const report = await settle(worker.call('connection.test', { org: ORG }));
    expect(report.identity).toBe('App patrol-fake');
    const ids = (await loadAllGrantIds(worker)).slice(0, 1);
    await settle(worker.call('jobs.start', { kind: 'revoke', org: ORG, ids }));
    await drive(jobDone);
    expect((await readLog()).map((e) => e.actor)).toEqual(['App patrol-fake']);
  });
});
