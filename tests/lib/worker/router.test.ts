import { describe, expect, it, vi } from 'vitest';
import { message } from '../../../lib/protocol';
import { createRouter } from '../../../lib/worker/router';
import type { Handlers } from '../../../lib/worker/service';

const EXT = 'patrol-extension-id';
const ORIGIN = 'chrome-extension://patrol-extension-id';

function setup() {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, type: string) =>
      vi.fn(async (input: unknown) => {
        calls.push(type);
        return { echoed: input };
      }),
  });
  const route = createRouter(handlers, {
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

  it('lets a content script on GitHub load grants and start a revocation', async () => {
    const { route, calls } = setup();
    expect((await route(message('grants.load', { org: 'acme', refresh: false }), contentScript)).ok).toBe(
      true,
    );
    expect((await route(message('revoke.start', { org: 'acme', grantIds: [1, 2] }), contentScript)).ok).toBe(
      true,
    );
    expect(calls).toEqual(['grants.load', 'revoke.start']);
  });

  it('accepts the configured GHES host for content scripts', async () => {
    const { route } = setup();
    const sender = {
      id: EXT,
      url: 'https://ghes.example.com/organizations/x/settings/personal-access-tokens/active',
      tab: {},
    };
    expect((await route(message('grants.progress', { org: 'x' }), sender)).ok).toBe(true);
  });

  it.each([
    'settings.save',
    'signin.start',
    'signin.poll',
    'signout',
    'connection.test',
    'log.clear',
    'orgs.remove',
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
      { patrol: 1, type: 'revoke.start', input: { org: 'acme', grantIds: [1, -2] } },
    ],
    ['an empty id list', { patrol: 1, type: 'revoke.start', input: { org: 'acme', grantIds: [] } }],
    ['string ids', { patrol: 1, type: 'revoke.start', input: { org: 'acme', grantIds: ['1'] } }],
  ])('rejects %s without running a handler', async (_name, raw) => {
    const { route, calls } = setup();
    const reply = await route(raw, optionsPage);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid_message' }) });
    expect(calls).toEqual([]);
  });
});
