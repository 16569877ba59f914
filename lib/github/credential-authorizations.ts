// SAML SSO credential authorizations (GitHub Enterprise Cloud only; ../shared GITHUB-API §1.7):
// list every page and remove one. Not in @octokit/rest, so through octokit.request. The spec
// declares no Link header and calls `page` a "page token": PATrol asks page 1, 2, … until a
// short page, and stops early should a server repeat a page (it then ignores `page`).
import { normaliseCredential, type SsoCredential } from '../sso/credential';
import type { GitHubClient } from './client';

export const SSO_PAGE_SIZE = 100;
/** 100,000 authorizations: far beyond any org, a bound on a server that never ends its list. */
const MAX_PAGES = 1_000;

export interface SsoListOptions {
  /** Only this login's authorizations (GitHub's `login` filter). */
  login?: string;
  onProgress?: (loaded: number) => void;
}

export async function listCredentialAuthorizations(
  client: GitHubClient,
  org: string,
  options: SsoListOptions = {},
): Promise<SsoCredential[]> {
  const seen = new Set<number>();
  const out: SsoCredential[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await client.request('GET /orgs/{org}/credential-authorizations', {
      org,
      per_page: SSO_PAGE_SIZE,
      page,
      ...(options.login !== undefined ? { login: options.login } : {}),
    });
    const rows = Array.isArray(response.data) ? (response.data as unknown[]) : [];
    let fresh = 0;
    for (const raw of rows) {
      const credential = normaliseCredential(raw);
      if (!credential || seen.has(credential.credentialId)) continue;
      seen.add(credential.credentialId);
      out.push(credential);
      fresh += 1;
    }
    options.onProgress?.(out.length);
    if (rows.length < SSO_PAGE_SIZE || fresh === 0) break;
  }
  return out;
}

/**
 * Removes one authorization. GitHub answers 204, or 404 when there is none by that id: already
 * removed (by another owner, or by an earlier try of this job), so the goal holds either way
 * and the job's verification against a reloaded list has the last word.
 */
export async function removeCredentialAuthorization(
  client: GitHubClient,
  org: string,
  credentialId: number,
): Promise<'removed' | 'absent'> {
  try {
    await client.request('DELETE /orgs/{org}/credential-authorizations/{credential_id}', {
      org,
      credential_id: credentialId,
    });
    return 'removed';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return 'absent';
    throw error;
  }
}
