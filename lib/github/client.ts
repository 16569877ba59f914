// The worker's Octokit: GitHub's own throttling (primary and secondary limits, writes
// serialised) and retry (5xx, 429, network) plugins, plus one re-authentication on 401 so
// that a token revoked or expired early is replaced instead of failing the whole job.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

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
  /** Milliseconds per second of retry-after; tests shrink it. */
  retryAfterBaseValue?: number;
  userAgent?: string;
}

/** Longest rate-limit wait a request sleeps through in place; longer ones surface as errors. */
export const MAX_INLINE_WAIT_SECONDS = 65;

export function createClient(options: ClientOptions): GitHubClient {
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
    request: options.fetch ? { fetch: options.fetch } : undefined,
    throttle: {
      onRateLimit: decide('primary'),
      onSecondaryRateLimit: decide('secondary'),
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
    },
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    log: { debug() {}, info() {}, warn() {}, error() {} },
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
