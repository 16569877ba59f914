// The fake GitHub: one HTTPS server on 127.0.0.1 serving github.com (web + OAuth), api.github.com
// (REST) and any other host as GHES (REST under /api/v3, web at the root), routed by Host header.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults.ts';
import { createFakeFetch, type FakeFetch } from './fetch.ts';
import { type Ctx, type Reply, Router } from './http.ts';
import { findDeviceCode, issueUserTokens, webNotFound, webRoutes } from './oauth.ts';
import { DOTCOM, grantJson } from './render.ts';
import { commonRestHeaders, handleRest, RateLimiter, requestId } from './rest.ts';
import {
  addOrg,
  createState,
  type Env,
  ensureUser,
  type FakeApp,
  type FakeConfig,
  type FakeOrgOptions,
  type FakeState,
  findOrg,
  type OrgState,
  settle,
} from './state.ts';
import { loadAppKeys, loadTls } from './tls.ts';

export interface FakeOptions extends Partial<FakeConfig> {
  port?: number;
  appId?: number;
  clientId?: string;
  /** Orgs to seed at start-up. */
  orgs?: Record<string, FakeOrgOptions>;
}

export interface Exchange {
  seq: number;
  time: number;
  method: string;
  /** Host header as sent. */
  host: string;
  site: 'rest' | 'web';
  /** Path + query as received (GHES: includes /api/v3). */
  path: string;
  /** REST only: path + query without the /api/v3 prefix. */
  restPath?: string;
  headers: Record<string, string>;
  body: unknown;
  /** 0 when the connection was dropped on purpose. */
  status: number;
  responseHeaders: Record<string, string>;
  /** Parsed JSON (REST/OAuth JSON), text (HTML, form-encoded) or null (no body). */
  responseBody: unknown;
  durationMs: number;
  fault?: 'fail' | 'secondary' | 'drop';
}

export interface FakeGitHub {
  port: number;
  /** https://127.0.0.1:PORT (GHES mode if used directly). */
  origin: string;
  /** PEM of the self-signed certificate (SAN github.com, api.github.com, ghes.test, 127.0.0.1). */
  cert: string;
  app: FakeApp;
  config: FakeConfig;
  state: FakeState;
  requests: Exchange[];
  faults: Faults;
  /** fetch for Node that reaches the fake at its real URLs (see fetch.ts). */
  fetch: FakeFetch;
  /** Chromium flags: host-resolver-rules for the three hosts + --ignore-certificate-errors. */
  chromiumArgs(): string[];
  seedOrg(login: string, opts: FakeOrgOptions): OrgState;
  approveDeviceCode(userCode: string, userLogin: string): void;
  denyDeviceCode(userCode: string): void;
  /** Mint a user access token directly (skipping the device flow). */
  createUserToken(login: string): ReturnType<typeof issueUserTokens>;
  /** Ids accepted for revocation (queued or completed), ascending. */
  revokedGrantIds(org: string): number[];
  /** Grants the API lists right now, as api.github.com JSON, newest first. */
  liveGrants(org: string): ReturnType<typeof grantJson>[];
  /** Complete every queued revocation now. */
  settleRevocations(): void;
  /** The fake's clock (Date.now() + offset); drives expiry, revocation delay, JWT checks, Date. */
  now(): number;
  advanceTime(ms: number): void;
  /** Forget orgs, users, tokens, device codes, the log, faults, rate limits, clock offset. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULTS: FakeConfig = {
  revokeDelayMs: 1500,
  deviceInterval: 5,
  deviceCodeTtlSec: 900,
  installationTokenTtlSec: 3600,
  userTokenTtlSec: 28_800,
  unknownRevokeIds: 'not_found',
  rateLimit: 5000,
  anonymousRateLimit: 60,
  logBodies: true,
};

const webRouter = new Router<Env>();
webRoutes(webRouter);

function parseBody(raw: string, contentType: string): { ok: true; value: unknown } | { ok: false } {
  if (raw === '') return { ok: true, value: null };
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(raw)) };
  }
  if (contentType.includes('json') || /^\s*[[{]/.test(raw)) {
    try {
      return { ok: true, value: JSON.parse(raw) };
    } catch {
      return { ok: false };
    }
  }
  return { ok: true, value: raw };
}

function flatHeaders(h: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

export async function startFakeGitHub(opts: FakeOptions = {}): Promise<FakeGitHub> {
  const tls = loadTls();
  const keys = loadAppKeys();
  const config: FakeConfig = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as FakeConfig;
  const app: FakeApp = {
    ...keys,
    appId: opts.appId ?? 1_098_765,
    clientId: opts.clientId ?? 'Iv23liPaTr0lFake9xQZ',
    clientSecret: '3f9c2d7e1b8a4c6d0e5f7a9b1c3d5e7f9a1b3c5d',
    slug: 'patrol-fake',
    name: 'PATrol (fake)',
    ownerLogin: 'patrol-dev',
    deviceFlowEnabled: true,
  };
  let state = createState(app);
  let offset = 0;
  const now = () => Date.now() + offset;
  const faults = new Faults(() => state, now);
  const limiter = new RateLimiter();
  const requests: Exchange[] = [];
  let seq = 0;

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const host = req.headers.host ?? '127.0.0.1';
    const hostname = host.replace(/:\d+$/, '').toLowerCase();
    const target = req.url ?? '/';
    const url = new URL(target, `https://${host}`);
    const dotcom = hostname === 'github.com' || hostname === 'api.github.com';
    const bases = dotcom ? DOTCOM : { api: `https://${host}/api/v3`, web: `https://${host}` };
    const ghesApi = !dotcom && (url.pathname === '/api/v3' || url.pathname.startsWith('/api/v3/'));
    const site: 'rest' | 'web' = hostname === 'api.github.com' || ghesApi ? 'rest' : 'web';
    const path = ghesApi ? url.pathname.slice('/api/v3'.length) || '/' : url.pathname;
    const parsed = parseBody(raw, String(req.headers['content-type'] ?? ''));
    const ctx: Ctx = {
      method,
      host,
      site,
      path,
      target,
      rawQuery: url.search.slice(1),
      query: url.searchParams,
      headers: req.headers,
      body: parsed.ok ? parsed.value : raw,
      bases,
      now: now(),
    };
    const reqId = requestId();
    const entry: Exchange = {
      seq: ++seq,
      time: ctx.now,
      method,
      host,
      site,
      path: target,
      restPath: site === 'rest' ? `${path}${url.search}` : undefined,
      headers: flatHeaders(req.headers),
      body: ctx.body,
      status: 0,
      responseHeaders: {},
      responseBody: null,
      durationMs: 0,
    };
    requests.push(entry);
    const fault = faults.take(method, host, target);
    if (site === 'rest' && faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (fault?.kind === 'drop') {
      entry.fault = 'drop';
      entry.durationMs = Date.now() - started;
      req.socket.destroy();
      return;
    }
    let reply: Reply;
    const common = site === 'rest' ? commonRestHeaders(ctx, reqId) : {};
    if (fault?.kind === 'fail') {
      entry.fault = 'fail';
      reply = { status: fault.status, body: fault.body, headers: common };
    } else if (fault?.kind === 'secondary') {
      entry.fault = 'secondary';
      const headers: Record<string, string> = { ...common };
      if (fault.retryAfterSeconds !== null) headers['retry-after'] = String(fault.retryAfterSeconds);
      reply = {
        status: fault.status,
        headers,
        body: {
          message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${reqId}.`,
          documentation_url:
            'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: String(fault.status),
        },
      };
    } else if (!parsed.ok && site === 'rest') {
      reply = { status: 400, headers: common, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest', status: '400' } };
    } else if (site === 'rest') {
      reply = await handleRest({ state, config, faults, limiter }, ctx, req.socket.remoteAddress ?? '?', reqId);
    } else {
      const env: Env = { state, config, principal: { kind: 'none' }, now: ctx.now };
      const m = webRouter.match(method, path);
      reply = m ? await m.handler(env, ctx, m.params) : webNotFound(env);
    }
    let payload: string | undefined;
    let contentType: string | undefined;
    if (reply.text !== undefined) {
      payload = reply.text;
      contentType = reply.contentType ?? 'text/plain; charset=utf-8';
    } else if (reply.body !== undefined && reply.status !== 204) {
      payload = JSON.stringify(reply.body);
      contentType = 'application/json; charset=utf-8';
    }
    const headers: Record<string, string> = { ...reply.headers, date: new Date(ctx.now).toUTCString(), server: 'github.com' };
    if (contentType) headers['content-type'] = contentType;
    headers['content-length'] = String(payload ? Buffer.byteLength(payload) : 0);
    entry.status = reply.status;
    entry.responseHeaders = headers;
    entry.responseBody = !config.logBodies && site === 'rest' ? undefined : (reply.text ?? (reply.status === 204 ? null : (reply.body ?? null)));
    entry.durationMs = Date.now() - started;
    res.writeHead(reply.status, headers);
    res.end(method === 'HEAD' ? undefined : payload);
  }

  const server: Server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ message: `Fake GitHub crashed: ${String(err)}` }));
        }
      });
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const fakeFetch = createFakeFetch({ port, cert: tls.cert });

  const orgOrThrow = (login: string): OrgState => {
    const org = findOrg(state, login);
    if (!org) throw new Error(`fake-github: unknown org ${login}`);
    settle(org, now());
    return org;
  };

  const fake: FakeGitHub = {
    port,
    origin: `https://127.0.0.1:${port}`,
    cert: tls.cert,
    app,
    config,
    get state() {
      return state;
    },
    requests,
    faults,
    fetch: fakeFetch,
    chromiumArgs: () => [
      `--host-resolver-rules=MAP github.com 127.0.0.1:${port}, MAP api.github.com 127.0.0.1:${port}, MAP ghes.test 127.0.0.1:${port}`,
      '--ignore-certificate-errors',
    ],
    seedOrg: (login, o) => addOrg(state, login, o, now()),
    approveDeviceCode(userCode, userLogin) {
      const dc = findDeviceCode(state, userCode);
      if (!dc) throw new Error(`fake-github: no pending device code ${userCode}`);
      dc.status = 'approved';
      dc.login = ensureUser(state, userLogin).login;
    },
    denyDeviceCode(userCode) {
      const dc = findDeviceCode(state, userCode);
      if (!dc) throw new Error(`fake-github: no pending device code ${userCode}`);
      dc.status = 'denied';
    },
    createUserToken: (login) => issueUserTokens({ state, config, now: now() }, login),
    revokedGrantIds: (login) => [...orgOrThrow(login).revoked.keys()].sort((a, b) => a - b),
    liveGrants(login) {
      const org = orgOrThrow(login);
      const acct = { login: org.login, id: org.id, type: 'Organization' as const };
      return org.grants.map((g) => grantJson(g, acct, DOTCOM, now()));
    },
    settleRevocations() {
      for (const org of state.orgs.values()) {
        const t = now();
        for (const id of org.pending.keys()) org.pending.set(id, t);
        settle(org, now());
      }
    },
    now,
    advanceTime(ms) {
      offset += ms;
    },
    reset() {
      state = createState(app);
      requests.length = 0;
      faults.reset();
      limiter.buckets.clear();
      offset = 0;
    },
    async close() {
      fakeFetch.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  for (const [login, o] of Object.entries(opts.orgs ?? {})) fake.seedOrg(login, o);
  return fake;
}

/** A fetch for Node that reaches the fake at https://api.github.com, https://github.com, https://ghes.test. */
export function fetchForFake(fake: Pick<FakeGitHub, 'fetch'>): FakeFetch {
  return fake.fetch;
}
