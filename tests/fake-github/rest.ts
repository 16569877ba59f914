// REST host dispatch: authentication, primary rate limit, routing, GitHub's common headers.
import { randomBytes } from 'node:crypto';
import { appRoutes } from './apps.ts';
import { authenticate, bucketKey, type Principal } from './auth.ts';
import { conditional } from './caching.ts';
import type { Faults } from './faults.ts';
import { grantRoutes } from './grants.ts';
import { type Ctx, fail, json, notFound, type Reply, Router } from './http.ts';
import { memberRoutes } from './members.ts';
import { reviewRoutes } from './review.ts';
import { ssoRoutes } from './sso.ts';
import type { Env, FakeConfig, FakeState } from './state.ts';
import { numericIssOnly } from './versions.ts';

const RATE_DOC = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';
const EXPOSE =
  'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset';

interface Bucket {
  limit: number;
  used: number;
  /** epoch seconds */
  reset: number;
}

export class RateLimiter {
  readonly buckets = new Map<string, Bucket>();

  get(key: string, limit: number, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b || b.reset * 1000 <= now) {
      b = { limit, used: 0, reset: Math.floor(now / 1000) + 3600 };
      this.buckets.set(key, b);
    }
    return b;
  }
}

export function requestId(): string {
  const h = randomBytes(10).toString('hex').toUpperCase();
  return `${h.slice(0, 4)}:${h.slice(4, 8)}:${h.slice(8, 14)}:${h.slice(14, 20)}:${Math.floor(
    Date.now() / 1000,
  )
    .toString(16)
    .toUpperCase()}`;
}

export function commonRestHeaders(ctx: Ctx, reqId: string): Record<string, string> {
  const version = ctx.headers['x-github-api-version'];
  return {
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': typeof version === 'string' ? version : '2022-11-28',
    'x-github-request-id': reqId,
    'access-control-allow-origin': '*',
    'access-control-expose-headers': EXPOSE,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'deny',
    'content-security-policy': "default-src 'none'",
    vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding',
  };
}

function rateHeaders(b: { limit: number; used: number; reset: number }, remaining?: number) {
  return {
    'x-ratelimit-limit': String(b.limit),
    'x-ratelimit-remaining': String(remaining ?? Math.max(0, b.limit - b.used)),
    'x-ratelimit-reset': String(b.reset),
    'x-ratelimit-used': String(b.used),
    'x-ratelimit-resource': 'core',
  };
}

function exceededMessage(p: Principal, remote: string, reqId: string): string {
  const who =
    p.kind === 'installation'
      ? `installation ID ${p.token.installationId}`
      : p.kind === 'user'
        ? `user ID ${p.user.id}`
        : p.kind === 'app'
          ? 'app'
          : remote;
  return `API rate limit exceeded for ${who}. If you reach out to GitHub Support for help, please include the request ID ${reqId}.`;
}

export interface RestCore {
  state: FakeState;
  config: FakeConfig;
  faults: Faults;
  limiter: RateLimiter;
}

const router = new Router<Env>();
appRoutes(router);
grantRoutes(router);
reviewRoutes(router);
ssoRoutes(router);
memberRoutes(router);

function rateLimitStatus(b: Bucket): Reply {
  const core = { limit: b.limit, remaining: Math.max(0, b.limit - b.used), reset: b.reset, used: b.used };
  const other = { limit: 30, remaining: 30, reset: b.reset, used: 0 };
  return json(200, {
    resources: { core, search: other, graphql: { ...core, limit: 5000, used: 0, remaining: 5000 } },
    rate: core,
  });
}

export async function handleRest(core: RestCore, ctx: Ctx, remote: string, reqId: string): Promise<Reply> {
  const common = commonRestHeaders(ctx, reqId);
  if (ctx.method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        ...common,
        'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
        'access-control-allow-headers':
          'Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, Accept-Encoding, X-GitHub-OTP, X-Requested-With, User-Agent, X-GitHub-Api-Version',
        'access-control-max-age': '86400',
      },
    };
  }
  const auth = authenticate(core.state, ctx.headers.authorization, ctx.now, {
    numericIssOnly: numericIssOnly(core.config, ctx),
  });
  const principal: Principal = auth.ok ? auth.principal : { kind: 'none' };
  const anonymous = principal.kind === 'none' || principal.kind === 'pat';
  const limit = anonymous ? core.config.anonymousRateLimit : core.config.rateLimit;
  const bucket = core.limiter.get(bucketKey(principal, remote), limit, ctx.now);
  const withHeaders = (r: Reply, remaining?: number): Reply => ({
    ...r,
    headers: { ...common, ...rateHeaders(bucket, remaining), ...r.headers },
  });
  if (ctx.path === '/rate_limit' && ctx.method === 'GET') return withHeaders(rateLimitStatus(bucket));
  const until = core.faults.primaryUntil;
  if (until !== null && until > ctx.now && !anonymous) {
    const forced = { ...bucket, used: bucket.limit, reset: Math.ceil(until / 1000) };
    return {
      ...fail(403, exceededMessage(principal, remote, reqId), RATE_DOC),
      headers: { ...common, ...rateHeaders(forced, 0) },
    };
  }
  if (bucket.used >= bucket.limit) {
    return withHeaders(fail(403, exceededMessage(principal, remote, reqId), RATE_DOC), 0);
  }
  bucket.used += 1;
  if (!auth.ok) return withHeaders(auth.reply);
  const match = router.match(ctx.method, ctx.path);
  if (!match) return withHeaders(notFound());
  const env: Env = { state: core.state, config: core.config, principal, now: ctx.now };
  const authorization = principal.kind === 'none' ? undefined : ctx.headers.authorization;
  const answer = conditional(
    ctx.method,
    authorization,
    ctx.headers['if-none-match'],
    await match.handler(env, ctx, match.params),
  );
  // An authorised 304 costs no primary rate limit.
  if (answer.notModified) bucket.used -= 1;
  return withHeaders(answer.reply);
}
