// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { message } from '../../../lib/protocol';
import { createRouter } from '../../../lib/worker/router';
import { recordingRegistry } from '../../support/recording-registry';

const EXT = 'patrol-extension-id';
const ORIGIN = 'chrome-extension://patrol-extension-id';

function setup() {
  const { registry, calls } = recordingRegistry();
  const route = createRouter(registry, {
    extensionId: EXT,
    extensionOrigin: ORIGIN,
    webHosts: async () => ['github.com', 'ghes.example.com'],
  });
  return { route, calls };
}

const optionsPage = { id: EXT, url: `${ORIGIN}/options.html` };
const contentScript = {
  id: EXT,
  url: 'https://github.com/organizations/acme/settings/personal-access-tokens/active',
  tab: { id: 3 },
};

describe('router: who may ask what', () => {
  it.each([
    ['another extension', { id: 'evil', url: 'chrome-extension://evil/x.html' }],
    ['a web page (no extension id)', { url: 'https://evil.example/' }],
    ['a content script on a foreign host', { id: EXT, url: 'https://evil.example/', tab: { id: 1 } }],
    ['a content script over http', { id: EXT, url: 'http://github.com/x', tab: { id: 1 } }],
    ['a sender without url', { id: EXT }],
  ])('refuses %s and runs nothing', async (_name, sender) => {
    const { route, calls } = setup();
    const reply = await route(message('grants.load', { org: 'acme', refresh: false }), sender);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden_sender' }) });
    expect(calls).toEqual([]);
  });

  it('answers a content script on GitHub nothing: the panel is an extension page in a frame', async () => {
    const { route, calls } = setup();
    const { registry } = recordingRegistry();
    const ghes = {
      id: EXT,
      url: 'https://ghes.example.com/organizations/x/settings/personal-access-tokens/active',
      tab: {},
    };
    for (const type of Object.keys(registry)) {
      for (const sender of [contentScript, ghes]) {
        const reply = await route({ patrol: 1, type, input: {} }, sender);
        expect([type, reply.ok ? 'ok' : reply.error.code]).toEqual([type, 'forbidden_sender']);
      }
    }
    expect(calls).toEqual([]);
  });

  it('answers the panel frame, an extension page inside a GitHub tab', async () => {
    const { route, calls } = setup();
    const frame = { id: EXT, url: `${ORIGIN}/panel.html?org=acme`, tab: { id: 3 } };
    expect((await route(message('grants.load', { org: 'acme', refresh: false }), frame)).ok).toBe(true);
    expect((await route(message('jobs.start', { kind: 'revoke', org: 'acme', ids: [1, 2] }), frame)).ok).toBe(
      true,
    );
    expect(calls).toEqual(['grants.load', 'jobs.start']);
  });

  it.each([
    'settings.save',
    'signin.start',
    'signin.poll',
    'signout',
    'connection.test',
    'log.clear',
    'orgs.remove',
    'orgs.list',
    'log.list',
  ] as const)('refuses %s from a content script: credentials are the options page’s', async (type) => {
    const { route, calls } = setup();
    const input = {
      'settings.save': { mode: 'device', clientId: 'x', apiBaseUrl: '', secretStorage: 'encrypted' },
      'connection.test': { org: 'acme' },
      'orgs.remove': { org: 'acme' },
    } as Record<string, unknown>;
    const reply = await route({ patrol: 1, type, input: input[type] ?? {} }, contentScript);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden_sender' }) });
    expect(calls).toEqual([]);
  });
});

describe('router: what a message may carry', () => {
  it.each([
    ['not an object', 'hello'],
    ['no protocol marker', { type: 'settings.get', input: {} }],
    ['an unknown type', { patrol: 1, type: 'secrets.dump', input: {} }],
    ['an inherited property as type', { patrol: 1, type: 'constructor', input: {} }],
    ['extra fields', { patrol: 1, type: 'settings.get', input: { leak: true } }],
    ['a bad org', { patrol: 1, type: 'grants.load', input: { org: '../../user', refresh: false } }],
    [
      'ids that are not positive integers',
      { patrol: 1, type: 'jobs.start', input: { kind: 'revoke', org: 'acme', ids: [1, -2] } },
    ],
    ['an empty id list', { patrol: 1, type: 'jobs.start', input: { kind: 'revoke', org: 'acme', ids: [] } }],
    ['string ids', { patrol: 1, type: 'jobs.start', input: { kind: 'revoke', org: 'acme', ids: ['1'] } }],
    [
      'an unknown job kind',
      { patrol: 1, type: 'jobs.start', input: { kind: 'delete', org: 'acme', ids: [1] } },
    ],
    [
      'more ids than a job takes',
      {
        patrol: 1,
        type: 'jobs.start',
        input: { kind: 'revoke', org: 'acme', ids: Array.from({ length: 100_001 }, (_, i) => i + 1) },
      },
    ],
    [
      'more repository lists than a request takes',
      {
        patrol: 1,
        type: 'grants.repositories',
        input: { org: 'acme', grantIds: Array.from({ length: 101 }, (_, i) => i + 1) },
      },
    ],
    ['a huge job id', { patrol: 1, type: 'jobs.retryFailed', input: { jobId: 'x'.repeat(65) } }],
  ])('rejects %s without running a handler', async (_name, raw) => {
    const { route, calls } = setup();
    const reply = await route(raw, optionsPage);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_message' }) });
    expect(calls).toEqual([]);
  });
});
