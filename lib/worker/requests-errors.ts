// GitHub's 403 for an App without "Personal access token requests" names the permission it
// wanted (x-accepted-github-permissions). The shared classifier's advice is about "Personal
// access tokens"; for requests PATrol says exactly which permission, and at which level.
import { PatrolError } from '../errors';

export const REQUESTS_PERMISSION = 'organization_personal_access_token_requests';

/** The advice an owner needs: which App permission to set, and how. */
export function requestsPermissionHelp(level: 'read' | 'write'): string {
  const what = level === 'write' ? 'approve or deny requests' : 'list pending requests';
  return `The GitHub App lacks the "Personal access token requests" permission PATrol needs to ${what}. In the GitHub App settings, under Permissions → Organization permissions, set "Personal access token requests" to "Read and write", then have an owner accept the new permissions on the installation.`;
}

/** A PatrolError with that advice when `error` is GitHub refusing for this permission, else `error`. */
export function withRequestsAdvice(error: unknown): unknown {
  const e = error as { status?: number; response?: { headers?: Record<string, string | undefined> } };
  if (e?.status !== 403) return error;
  const wanted = e.response?.headers?.['x-accepted-github-permissions'] ?? '';
  const match = new RegExp(`${REQUESTS_PERMISSION}=(read|write)`).exec(wanted);
  if (!match) return error;
  return new PatrolError('missing_permission', requestsPermissionHelp(match[1] as 'read' | 'write'));
}
