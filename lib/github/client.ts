// The worker's Octokit: GitHub's own throttling (primary and secondary limits, writes
// serialised) and retry (5xx, network) plugins, plus one re-authentication on 401 so that a
// token revoked or expired early is replaced instead of failing the whole job. Every request
// goes through githubFetch (fetch.ts): revalidated, budgeted, and only to the API's origin.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { BudgetGate, RequestBudget } from './budget';
import { EtagMemo } from './etag-memo';
import { githubFetch } from './fetch';
import { assertTrustedApiUrl } from './links';

export const PatrolOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof PatrolOctokit>;

export interface RateLimitWait {
  /** Seconds GitHub asked us to wait. */
  retryAfter: number;
  kind: 'primary' | 'secondary';
  method: string;
  url: string;
}

export interface ClientOptions {
  baseUrl: string;
  authStrategy?: unknown;
  auth?: unknown;
  /** Called before waiting out a rate limit; returning false gives up instead. */
  onRateLimit?: (wait: RateLimitWait) => boolean;
  /** Called on a 401 before the single retry, to drop a cached or stale token. */
  onUnauthorized?: () => Promise<void>;
  fetch?: typeof fetch;
  /** The request budget; by default one shared by every client of the same API origin. */
  gate?: BudgetGate;
  /** Kept answers for conditional GETs; by default one shared per API origin. */
  memo?: EtagMemo;
  /** Milliseconds per second of retry-after; tests shrink it. */
  retryAfterBaseValue?: number;
  userAgent?: string;
}

/** Longest rate-limit wait a request sleeps through in place; longer ones surface as errors. */
export const MAX_INLINE_WAIT_SECONDS = 65;

/**
 * GitHub's limits are per credential, but PATrol's clients for one host all run in one worker:
 * one budget and one memo per API origin keep every listing, repository fetch and revocation
 * together under the limits.
 */
const shared = new Map<string, { gate: BudgetGate; memo: EtagMemo }>();

function sharedFor(baseUrl: string): { gate: BudgetGate; memo: EtagMemo } {
  const origin = new URL(baseUrl).origin;
  let entry = shared.get(origin);
  if (!entry) {
    entry = { gate: new BudgetGate(new RequestBudget()), memo: new EtagMemo() };
    shared.set(origin, entry);
  }
  return entry;
}

/** A new worker process starts with no budget and no kept answers (tests simulate a restart). */
export function forgetClientStateForTests(): void {
  shared.clear();
}

/** Forgets every kept answer (sign-out: nothing fetched with the old credential stays). */
export function clearKeptResponses(): void {
  for (const entry of shared.values()) entry.memo.clear();
}

/**
 * Statuses plugin-retry must not re-send. Beyond its defaults, 429: GitHub says not to retry
 * "until after" retry-after, and plugin-retry would re-send at 1, 4 and 9 s regardless; the
 * throttling plugin waits retry-after instead, or the error reaches the job, which parks.
 */
export const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export function createClient(options: ClientOptions): GitHubClient {
  const defaults = sharedFor(options.baseUrl);
  const decide =
    (kind: RateLimitWait['kind']) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const wait = { retryAfter, kind, method: request.method, url: request.url };
      if (options.onRateLimit) return options.onRateLimit(wait) && retryCount < 3;
      return retryCount < 3 && retryAfter <= MAX_INLINE_WAIT_SECONDS;
    };
  const octokit = new PatrolOctokit({
    baseUrl: options.baseUrl,
    authStrategy: options.authStrategy as never,
    auth: options.auth as never,
    userAgent: options.userAgent ?? 'PATrol',
    request: {
      fetch: githubFetch({
        baseUrl: options.baseUrl,
        gate: options.gate ?? defaults.gate,
        memo: options.memo ?? defaults.memo,
        fetch: options.fetch,
      }),
    },
    throttle: {
      onRateLimit: decide('primary'),
      onSecondaryRateLimit: decide('secondary'),
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
    },
    retry: { doNotRetry: DO_NOT_RETRY },
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  // Outermost: a URL off the API's origin fails at once, before any plugin could retry it.
  octokit.hook.before('request', (endpoint) => {
    assertTrustedApiUrl(octokit.request.endpoint.parse(endpoint).url, options.baseUrl);
  });
  const onUnauthorized = options.onUnauthorized;
  if (onUnauthorized) {
    octokit.hook.wrap('request', async (request, endpoint) => {
      try {
        return await request(endpoint);
      } catch (error) {
        if ((error as { status?: number }).status !== 401) throw error;
        await onUnauthorized();
        return request(endpoint);
      }
    });
  }
  return octokit;
}
