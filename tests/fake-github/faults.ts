// Fault injection: latency, 5xx, secondary and primary rate limits, early token expiry, dropped
// connections. Matchers are checked against the method and the request target (path + query, as
// received, so `/api/v3/...` on GHES).
import { type SecondaryLimitOptions, SecondaryRules } from './secondary.ts';
import type { FakeState } from './state.ts';

export interface Matcher {
  method?: string;
  pathIncludes?: string;
  /** Host header without port, e.g. 'api.github.com'. */
  host?: string;
}

export type Fault =
  | { kind: 'fail'; status: number; body: unknown }
  | { kind: 'secondary'; retryAfterSeconds: number | null; status: 403 | 429 }
  | { kind: 'drop' };

interface Armed {
  matcher: Matcher;
  remaining: number;
  fault: Fault;
}

export const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID';

export class Faults {
  /** Added before every REST API response (not github.com pages / OAuth). */
  latencyMs = 0;
  /** Epoch ms until which every authenticated REST request gets a primary rate-limit 403. */
  primaryUntil: number | null = null;
  /** GitHub's CPU-time and concurrency rules, when enforced (see secondary.ts). */
  rules: SecondaryRules | null = null;
  private armed: Armed[] = [];

  constructor(
    private readonly state: () => FakeState,
    private readonly now: () => number,
  ) {}

  /** The next `count` matching requests fail with `status` (default 502). */
  failNext(matcher: Matcher, count = 1, status = 502, body?: unknown): void {
    const fallback = { message: status === 502 ? 'Server Error' : 'Service Unavailable' };
    this.armed.push({ matcher, remaining: count, fault: { kind: 'fail', status, body: body ?? fallback } });
  }

  /**
   * The next `count` matching requests get a secondary rate limit: 403 (or 429) with GitHub's message
   * and `retry-after` (omitted when retryAfterSeconds is null, as GitHub sometimes does).
   */
  secondaryRateLimitNext(
    matcher: Matcher,
    count = 1,
    retryAfterSeconds: number | null = 60,
    status: 403 | 429 = 403,
  ): void {
    this.armed.push({ matcher, remaining: count, fault: { kind: 'secondary', retryAfterSeconds, status } });
  }

  /**
   * Enforce GitHub's secondary limits on REST requests: 90 s of response time per rolling 60 s
   * and 100 requests in flight per credential, unless narrowed; refusals carry retry-after.
   */
  enforceSecondaryLimits(options: SecondaryLimitOptions = {}): SecondaryRules {
    this.rules = new SecondaryRules({ cpuMsPerMinute: 90_000, maxConcurrent: 100, status: 429, ...options });
    return this.rules;
  }

  /** Exhaust the primary rate limit: remaining 0 until `resetInSeconds` from now. */
  primaryRateLimit(resetInSeconds = 60): void {
    this.primaryUntil = this.now() + resetInSeconds * 1000;
  }

  /** The next `count` matching requests have their socket destroyed without a response. */
  dropConnectionsNext(matcher: Matcher, count = 1): void {
    this.armed.push({ matcher, remaining: count, fault: { kind: 'drop' } });
  }

  /** Expire every issued installation token now (next use → 401 Bad credentials). */
  expireTokensNow(): void {
    const now = this.now();
    for (const t of this.state().installationTokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
  }

  /** Expire every issued user access token now (next use → 401 Bad credentials). */
  expireUserTokensNow(): void {
    const now = this.now();
    for (const t of this.state().userTokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
  }

  /** Remove all armed faults, latency and the primary limit. */
  reset(): void {
    this.armed = [];
    this.latencyMs = 0;
    this.primaryUntil = null;
    this.rules = null;
  }

  /** Internal: consume the first armed fault matching this request. */
  take(method: string, host: string, target: string): Fault | undefined {
    const hostname = host.replace(/:\d+$/, '').toLowerCase();
    for (const a of this.armed) {
      const m = a.matcher;
      if (m.method && m.method.toUpperCase() !== method) continue;
      if (m.pathIncludes && !target.includes(m.pathIncludes)) continue;
      if (m.host && m.host.toLowerCase() !== hostname) continue;
      a.remaining -= 1;
      if (a.remaining <= 0) this.armed = this.armed.filter((x) => x !== a);
      return a.fault;
    }
    return undefined;
  }
}
