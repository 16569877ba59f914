// @vitest-environment node
// Random and malformed messages from every kind of sender, thrown at the real router and
// handlers with the real fake GitHub behind them: nothing crashes, no reply carries a
// secret, no content-script message ever causes a GitHub request, and no grant is revoked
// that a well-formed revoke from an extension page did not name (jobs awaited).
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type MessageType, message } from '../../lib/protocol';
import { listJobs } from '../../lib/worker/job-store';
import { createRouter, type SenderInfo } from '../../lib/worker/router';
import { createWorker, type Worker } from '../../lib/worker/service';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server';

const EXT = 'patrol-id';
const ORIGIN = 'chrome-extension://patrol-id';
const SENDERS: Record<string, SenderInfo> = {
  options: { id: EXT, url: `${ORIGIN}/options.html` },
  popup: { id: EXT, url: `${ORIGIN}/popup.html` },
  content: {
    id: EXT,
    url: 'https://github.com/organizations/acme/settings/personal-access-tokens/active',
    tab: { id: 1 },
  },
  page: {
    url: 'https://github.com/organizations/acme/settings/personal-access-tokens/active',
    tab: { id: 1 },
  },
  other: { id: 'other-extension', url: 'chrome-extension://other-extension/x.html' },
  foreignContent: { id: EXT, url: 'https://evil.example/', tab: { id: 2 } },
};
/** Every write PATrol sent GitHub (a revoke is a POST; verification only reads). */
const writes = () => fake.requests.filter((ex) => ex.method !== 'GET' && ex.site === 'rest');
const SECRET_PATTERN = /ghs_|ghu_|ghr_|PRIVATE KEY|MII[A-Za-z0-9+/]{20}/;

let fake: FakeGitHub;
let service: Worker;
let route: ReturnType<typeof createRouter>;
let grantIds: number[];

beforeAll(async () => {
  fake = await startFakeGitHub({ revokeDelayMs: 0 });
  fake.seedOrg('acme', { grants: 40, seed: 11 });
  grantIds = fake.liveGrants('acme').map((grant) => grant.id);
});

// Each test starts from a configured worker (the setup empties IndexedDB before each test).
beforeEach(async () => {
  fakeBrowser.reset();
  service = createWorker({ fetch: fake.fetch });
  route = createRouter(service.registry, {
    extensionId: EXT,
    extensionOrigin: ORIGIN,
    webHosts: async () => ['github.com'],
  });
  const saved = await route(
    message('settings.save', {
      mode: 'private-key',
      clientId: fake.app.clientId,
      apiBaseUrl: 'https://api.github.com',
      privateKey: fake.app.privateKeyPkcs1,
      secretStorage: 'session',
    }),
    SENDERS.options as SenderInfo,
  );
  expect(saved.ok).toBe(true);
  // Warm the caches so handlers reach GitHub with a live installation token.
  expect(
    (await route(message('grants.load', { org: 'acme', refresh: true }), SENDERS.options as SenderInfo)).ok,
  ).toBe(true);
});

afterAll(async () => {
  await fake?.close();
});

const types = Object.keys(createWorker().registry) as MessageType[];
const anyJson = fc.jsonValue({ maxDepth: 3 });
const plausibleInput = fc.record(
  {
    org: fc.oneof(fc.constant('acme'), fc.constant('nope'), fc.string({ maxLength: 50 })),
    refresh: fc.boolean(),
    grantIds: fc.array(fc.oneof(fc.constantFrom(...[1, 2, 3]), fc.integer(), fc.double(), fc.string()), {
      maxLength: 5,
    }),
    jobId: fc.string({ maxLength: 70 }),
    mode: fc.constantFrom('device', 'private-key', 'evil'),
    clientId: fc.string({ maxLength: 80 }),
    apiBaseUrl: fc.constantFrom('https://evil.example', 'javascript:alert(1)', ''),
    privateKey: fc.string({ maxLength: 100 }),
    secretStorage: fc.constantFrom('encrypted', 'session', 'plain'),
  },
  { requiredKeys: [] },
);
const org = fc.constantFrom('acme', 'nope', 'ACME');
const ids = () =>
  fc.array(fc.oneof(fc.constantFrom(...grantIds), fc.integer({ min: 1, max: 2 ** 40 })), {
    minLength: 1,
    maxLength: 5,
  });
/** A well-formed input for each type: the handlers, not only the validator, get exercised. */
const validInput = (type: MessageType) => {
  switch (type) {
    case 'grants.load':
      return fc.record({ org, refresh: fc.boolean() });
    case 'orgs.remove':
    case 'connection.test':
      return fc.record({ org });
    case 'grants.repositories':
      return fc.record({ org, grantIds: ids() });
    case 'grants.read':
      return fc.record({ org, loadedAt: fc.integer({ min: 0 }), offset: fc.nat() });
    case 'jobs.start':
      return fc.record({ kind: fc.constant('revoke'), org, ids: ids() });
    case 'jobs.latest':
      return fc.record({ org: fc.option(org, { nil: null }) });
    case 'requests.load':
      return fc.record({ org, refresh: fc.boolean() });
    case 'requests.read':
      return fc.record({ org, loadedAt: fc.integer({ min: 0 }), offset: fc.nat() });
    case 'requests.repositories':
      return fc.record({ org, requestIds: ids() });
    case 'requests.review':
      return fc.record({
        kind: fc.constantFrom('approve', 'deny'),
        org,
        ids: ids(),
        reason: fc.string({ maxLength: 20 }),
      });
    case 'jobs.retryFailed':
      return fc.record({ jobId: fc.string({ maxLength: 20 }) });
    case 'jobs.outcomes':
      return fc.record({ jobId: fc.string({ maxLength: 20 }), offset: fc.nat() });
    default:
      return fc.constant({});
  }
};
const validMessage = fc
  .constantFrom(
    ...types.filter(
      (type) => !['settings.save', 'signout', 'signin.start', 'signin.poll', 'unlock'].includes(type),
    ),
  )
  .chain((type) => validInput(type).map((input) => ({ patrol: 1, type, input })));
const mutatedMessage = fc
  .tuple(validMessage, fc.string({ maxLength: 8 }), anyJson)
  .map(([valid, key, value]) => ({ ...valid, input: { ...(valid.input as object), [key || 'x']: value } }));
const messages = fc.oneof(
  { arbitrary: validMessage, weight: 4 },
  { arbitrary: mutatedMessage, weight: 2 },
  { arbitrary: anyJson, weight: 1 },
  {
    arbitrary: fc.record({
      patrol: fc.constantFrom(1, 2, '1'),
      type: fc.oneof(fc.constantFrom(...types), fc.string()),
      input: fc.oneof(plausibleInput, anyJson),
    }),
    weight: 2,
  },
);

describe('message fuzzing', () => {
  it('never crashes, never leaks a secret and never revokes what no permitted revoke named', async () => {
    const permitted = new Set<number>();
    const outcomes = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(messages, fc.constantFrom(...Object.keys(SENDERS)), async (raw, senderName) => {
        const sender = SENDERS[senderName] as SenderInfo;
        // A sender may not change settings or secrets here; those are exercised separately.
        const type = (raw as { type?: unknown } | null)?.type;
        if (type === 'settings.save' || type === 'signout' || type === 'signin.start') return;
        // Only PATrol's own extension pages are answered: a content script (the panel is an
        // extension page in a frame now), a web page or another extension gets nothing.
        const trusted = senderName === 'options' || senderName === 'popup';
        // Jobs started by earlier (permitted) messages run detached: let their sends finish, so
        // that any write counted below could only come from this message.
        if (!trusted) for (const job of await listJobs()) await service.runner.settled(job.id);
        const writesBefore = writes().length;
        const jobsBefore = trusted ? 0 : (await listJobs()).length;
        const reply = await route(raw, sender);
        expect(reply).toHaveProperty('ok');
        expect(JSON.stringify(reply)).not.toMatch(SECRET_PATTERN);
        if (!trusted) {
          expect(reply.ok).toBe(false);
          // No write reached GitHub and no job was queued to send one later.
          expect(writes().length).toBe(writesBefore);
          expect((await listJobs()).length).toBe(jobsBefore);
        }
        outcomes[reply.ok ? 'ok' : 'refused'] += 1;
        if (reply.ok && type === 'jobs.start') {
          for (const id of (raw as { input: { ids: number[] } }).input.ids) permitted.add(id);
        }
      }),
      {
        numRuns: 400,
        seed: 20261125,
        // At least one revocation the owner permitted, whatever the generator draws.
        examples: [
          [
            {
              patrol: 1,
              type: 'jobs.start',
              input: { kind: 'revoke', org: 'acme', ids: grantIds.slice(0, 2) },
            },
            'options',
          ],
        ],
      },
    );
    // The generator must reach the handlers, not only the validator, for this to mean much.
    expect(outcomes.ok).toBeGreaterThan(10);
    // Jobs run detached from the message that started them: wait until each has sent its batches.
    const jobs = await listJobs();
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) await service.runner.settled(job.id);
    const written = fake.requests.filter(
      (ex) => ex.method === 'POST' && /personal-access-tokens/.test(ex.restPath ?? ''),
    );
    expect(written.length).toBeGreaterThan(0);
    for (const write of written) {
      const body = write.body as { pat_ids?: number[] };
      expect((body.pat_ids ?? []).filter((id) => !permitted.has(id))).toEqual([]);
    }
    fake.settleRevocations();
    const revoked = fake.revokedGrantIds('acme');
    expect(revoked.filter((id) => !permitted.has(id))).toEqual([]);
    expect(grantIds.length).toBe(40);
  });

  it('refuses secrets-changing messages from content scripts and strangers without touching them', async () => {
    for (const senderName of ['content', 'page', 'other', 'foreignContent']) {
      for (const type of ['settings.save', 'signout', 'signin.start'] as const) {
        const input =
          type === 'settings.save'
            ? {
                mode: 'device',
                clientId: 'Iv1.evil',
                apiBaseUrl: 'https://evil.example',
                secretStorage: 'session',
              }
            : {};
        const reply = await route({ patrol: 1, type, input }, SENDERS[senderName] as SenderInfo);
        expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      }
    }
    expect(await route(message('settings.get', {}), SENDERS.content as SenderInfo)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    const settings = await route(message('settings.get', {}), SENDERS.options as SenderInfo);
    expect(settings).toMatchObject({
      ok: true,
      data: { mode: 'private-key', apiBaseUrl: 'https://api.github.com', hasPrivateKey: true },
    });
    expect(JSON.stringify(settings)).not.toMatch(SECRET_PATTERN);
  });
});
