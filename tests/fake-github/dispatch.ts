// Request handling: host routing (github.com, GHE.com, GHES: see hosts.ts), faults, logging.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, Faults } from './faults.ts';
import { routeHost } from './hosts.ts';
import { type Ctx, type Reply, Router } from './http.ts';
import { webNotFound, webRoutes } from './oauth.ts';
import { commonRestHeaders, handleRest, type RateLimiter, requestId } from './rest.ts';
import type { Env, FakeConfig, FakeState } from './state.ts';

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
  /** Set when the fake's secondary-limit rules refused the request. */
  rule?: 'cpu' | 'concurrency';
}

export interface DispatchCore {
  state(): FakeState;
  config: FakeConfig;
  faults: Faults;
  limiter: RateLimiter;
  now(): number;
  requests: Exchange[];
}

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
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

async function handle(
  core: DispatchCore,
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
): Promise<void> {
  const { faults, requests } = core;
  const now = core.now;
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const host = req.headers.host ?? '127.0.0.1';
  const target = req.url ?? '/';
  const url = new URL(target, `https://${host}`);
  const { site, bases, path } = routeHost(host, url.pathname);
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
    seq: requests.length + 1,
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
  let fault = faults.take(method, host, target);
  // GitHub's CPU-time and concurrency rules, charged per credential while the request runs.
  let finish: ((end: number) => void) | undefined;
  if (site === 'rest' && method !== 'OPTIONS' && faults.rules && !fault) {
    const verdict = faults.rules.admit(String(req.headers.authorization ?? ''), now());
    if ('refusal' in verdict) {
      const { status, retryAfterSeconds, rule } = verdict.refusal;
      entry.rule = rule;
      fault = { kind: 'secondary', status, retryAfterSeconds };
    } else finish = verdict.finish;
  }
  try {
    await respond(core, { req, res, ctx, entry, fault, started, reqId, parsed });
  } finally {
    finish?.(now());
  }
}

interface Pending {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: Ctx;
  entry: Exchange;
  fault: Fault | undefined;
  started: number;
  reqId: string;
  parsed: { ok: true; value: unknown } | { ok: false };
}

async function respond(core: DispatchCore, pending: Pending): Promise<void> {
  const { req, res, ctx, entry, fault, started, reqId, parsed } = pending;
  const { config, faults, limiter } = core;
  const state = core.state();
  const { method, site, path } = ctx;
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
    reply = {
      status: 400,
      headers: common,
      body: {
        message: 'Problems parsing JSON',
        documentation_url: 'https://docs.github.com/rest',
        status: '400',
      },
    };
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
  const headers: Record<string, string> = {
    ...reply.headers,
    date: new Date(ctx.now).toUTCString(),
    server: 'github.com',
  };
  if (contentType) headers['content-type'] = contentType;
  headers['content-length'] = String(payload ? Buffer.byteLength(payload) : 0);
  entry.status = reply.status;
  entry.responseHeaders = headers;
  entry.responseBody =
    !config.logBodies && site === 'rest'
      ? undefined
      : (reply.text ?? (reply.status === 204 ? null : (reply.body ?? null)));
  entry.durationMs = Date.now() - started;
  res.writeHead(reply.status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}

/** The https request listener: collects the body, then handles; a crash becomes a 500. */
export function createListener(core: DispatchCore): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(core, req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ message: `Fake GitHub crashed: ${String(err)}` }));
        }
      });
    });
  };
}
