// Every way a GitHub call can fail, mapped to a code and a sentence that says what to do.

import { PatrolError } from '../errors';
import type { ReplyError } from '../protocol';

interface HttpLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown; url?: string };
  request?: { url?: string; method?: string };
}

export interface ErrorContext {
  org?: string;
  /** What PATrol was doing, for the message: "list tokens", "revoke tokens". */
  action?: string;
  webHost?: string;
  /** The clock retry-after counts from (the job's clock in tests). */
  now?: number;
}

export const PERMISSION_HELP =
  'In the GitHub App settings, under Permissions → Organization permissions, set "Personal access tokens" to "Read and write", then have an owner accept the new permissions on the installation.';

function bodyMessage(data: unknown): string {
  if (data && typeof data === 'object' && 'message' in data) {
    const message = (data as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return '';
}

/**
 * When GitHub lets PATrol write again: retry-after if sent; the reset time if the primary limit
 * is spent; otherwise at least a minute, as GitHub asks for secondary limits without
 * retry-after. (The reset of a limit that is not spent says nothing: it can be an hour away.)
 */
function resetTime(headers: Record<string, string | undefined>, now: number): number {
  const retryAfter = Number(headers['retry-after']);
  if (retryAfter > 0) return now + retryAfter * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && reset > 0) return Math.max(reset * 1000, now);
  return now + 60_000;
}

/**
 * GitHub's limits: "You will receive a 403 or 429 response" (a secondary limit names itself;
 * older texts say "abuse detection"), and the PAT write endpoints' 422 covers "the endpoint has
 * been spammed" (OpenAPI), which is a secondary limit too, not a problem with the ids.
 */
const SECONDARY = /secondary rate|abuse detection|\bspammed\b|\bspam\b/i;

export function isRateLimit(
  status: number,
  github: string,
  headers: Record<string, string | undefined>,
): boolean {
  if (status === 429) return true;
  if (status === 403) return SECONDARY.test(github) || headers['x-ratelimit-remaining'] === '0';
  return status === 422 && SECONDARY.test(github);
}

export function describeGitHubError(error: unknown, context: ErrorContext = {}): ReplyError {
  // PATrol's own errors (a bad key, not installed, not configured) already say what to do.
  if (error instanceof PatrolError) return error.toReply();
  // Refused in githubFetch before sending: Octokit wraps it in a status-500 error as its cause.
  const name = (error as { name?: unknown } | null)?.name;
  const cause = (error as { cause?: { name?: unknown; message?: unknown } } | null)?.cause;
  if (name === 'UntrustedUrlError' || cause?.name === 'UntrustedUrlError') {
    const message = name === 'UntrustedUrlError' ? (error as Error).message : String(cause?.message);
    return { code: 'github_error', message };
  }
  const err = (error ?? {}) as HttpLikeError;
  const status = err.status ?? 0;
  const headers = err.response?.headers ?? {};
  const github = bodyMessage(err.response?.data) || err.message || '';
  const org = context.org ? `the ${context.org} organization` : 'the organization';
  const action = context.action ?? 'reach GitHub';

  if (status === 0 || (status === 500 && !err.response)) {
    return {
      code: 'offline',
      message: `Could not ${action}: GitHub did not answer (${err.message ?? 'network error'}). Check your connection, VPN or proxy, then try again. Nothing was lost.`,
    };
  }
  const sso = headers['x-github-sso'];
  if (sso) {
    const url = /url=(\S+)/.exec(sso)?.[1];
    return {
      code: 'sso_required',
      message: `${org} uses SAML single sign-on: authorise this session${url ? ` at ${url}` : ''}, then try again.`,
    };
  }
  if (isRateLimit(status, github, headers)) {
    const retryAt = resetTime(headers, context.now ?? Date.now());
    return {
      code: 'rate_limited',
      message: `GitHub is rate limiting PATrol until ${new Date(retryAt).toLocaleTimeString()}. PATrol will continue after that; nothing was lost.`,
      retryAt,
    };
  }
  if (status === 401) {
    // GHES 3.13 and older take only the numeric App ID as the JWT issuer (GitHub's JWT docs).
    if (/'Issuer' claim \('iss'\)/.test(github)) {
      return {
        code: 'bad_app_id',
        message: `This GitHub accepts only the numeric App ID here, not the Client ID (GitHub Enterprise Server 3.13 and older: ${github}). In "Client ID or App ID", enter the App ID shown on the GitHub App's settings page (a number), then save again.`,
      };
    }
    if (/JSON web token|JWT|'(Issued at|Expiration time)'|Integration not found/i.test(github)) {
      return {
        code: 'bad_app_id',
        message: `GitHub rejected the app's signature (${github}). Check that "Client ID or App ID" belongs to the app whose private key you pasted, and that this computer's clock is right.`,
      };
    }
    return {
      code: 'bad_credentials',
      message:
        'GitHub no longer accepts the stored credentials. On the options page, sign in again or paste a current private key.',
    };
  }
  if (status === 403) {
    if (/not accessible by (integration|personal access token)|permission/i.test(github)) {
      const needed = headers['x-accepted-github-permissions'];
      return {
        code: 'missing_permission',
        message: `The GitHub App lacks a permission to ${action}${needed ? ` (GitHub wants ${needed})` : ''}. ${PERMISSION_HELP}`,
      };
    }
    return { code: 'github_error', message: `GitHub refused to ${action}: ${github || 'forbidden'}.` };
  }
  if (status === 404) {
    return {
      code: 'org_not_found',
      message: `GitHub reports ${org} as not found. Check the spelling, that the GitHub App is installed on it, and that the API base URL points at the right GitHub.`,
    };
  }
  if (status === 422) {
    return { code: 'validation', message: `GitHub rejected the request: ${github || 'validation failed'}.` };
  }
  if (status >= 500) {
    return {
      code: 'github_error',
      message: `GitHub had an internal error (${status}) while PATrol tried to ${action}. It was retried; try again in a few minutes or check githubstatus.com.`,
    };
  }
  return { code: 'github_error', message: `Could not ${action}: ${github || `HTTP ${status}`}.` };
}
