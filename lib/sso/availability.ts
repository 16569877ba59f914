// Why an org has no SSO credentials to show, in the words every surface uses (the panel's tab
// and `patrol audit --sso`): GHES has no such endpoint (not even asked), an org without SAML
// answers 404, and an App without "Administration" answers 403 (../shared GITHUB-API §1.7).
import { webHostOf } from '../hosts';

export type SsoUnavailable = { state: 'ghes' | 'no_saml' | 'no_permission'; message: string };

export const ADMINISTRATION_HELP =
  'In the GitHub App settings, under Permissions → Organization permissions, set "Administration" to "Read-only" to list SSO credentials, or "Read and write" to remove authorizations; then have an owner accept the new permissions on the installation.';

export const GHES_SSO_MESSAGE =
  'GitHub Enterprise Server has no SAML credential authorizations API: SSO credentials are listed only on GitHub Enterprise Cloud. Review them in the site admin dashboard instead.';

/** github.com and GHE.com (data residency) are GitHub Enterprise Cloud hosts; anything else is GHES. */
export function isEnterpriseServer(apiBaseUrl: string): boolean {
  const web = webHostOf(apiBaseUrl).replace(/:\d+$/, '');
  return web !== 'github.com' && !web.endsWith('.ghe.com');
}

/** The designed state a failed list means, or null when the error is another failure. */
export function ssoUnavailableOf(error: unknown, org: string): SsoUnavailable | null {
  const failed = error as {
    status?: number;
    response?: { headers?: Record<string, string>; data?: { message?: string } };
  };
  if (failed.status === 404) {
    return {
      state: 'no_saml',
      message: `GitHub lists no SSO credential authorizations for ${org}: it does not use SAML single sign-on (a GitHub Enterprise Cloud feature). To use it, enable SAML under Organization settings → Authentication security → "Enable SAML authentication".`,
    };
  }
  // A 403 with X-GitHub-SSO is a missing SSO session, not a missing permission.
  if (failed.status === 403 && !failed.response?.headers?.['x-github-sso']) {
    if (/not accessible|permission/i.test(failed.response?.data?.message ?? '')) {
      return {
        state: 'no_permission',
        message: `The GitHub App lacks the organization permission "Administration". ${ADMINISTRATION_HELP}`,
      };
    }
  }
  return null;
}
