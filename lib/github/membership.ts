// In sign-in mode PATrol acts as the signed-in user, and GitHub lets a user token reach an
// org's PAT endpoints only when that user owns the org. GitHub does not document what the
// endpoints answer otherwise (a 403 or 404 that reads like a permission problem), so the
// worker asks for the user's own role first (GET /user/memberships/orgs/{org}) and says what
// is really wrong.
import { PatrolError } from '../errors';
import type { GitHubClient } from './client';

/** Raised with PATrol's own code, so every surface shows the sentence as it is. */
export class NotOwnerError extends PatrolError {
  override name = 'NotOwnerError';
  constructor(message: string) {
    super('not_owner', message);
  }
}

/** Raised when GitHub hides the org from the user: not a member, or SAML without a session. */
export class OrgHiddenError extends PatrolError {
  override name = 'OrgHiddenError';
  constructor(message: string) {
    super('org_not_found', message);
  }
}

/** The sentence the issue and the product contract fix, word for word. */
export function notOwnerMessage(login: string, org: string): string {
  return `${login} is not an owner of ${org}`;
}

/**
 * What GitHub documents for an org with SAML single sign-on whose resources a user token
 * cannot see ("SAML and GitHub Apps"): start a SAML session, revoke the App's authorisation,
 * sign in again. The SSO page lives on the configured web host.
 */
export function samlHelp(org: string, webHost: string): string {
  return `If ${org} uses SAML single sign-on, start a SAML session at https://${webHost}/orgs/${encodeURIComponent(org)}/sso, revoke this GitHub App's authorization (your GitHub settings → Applications → Authorized GitHub Apps), then sign in with GitHub again.`;
}

interface Membership {
  state?: unknown;
  role?: unknown;
}

/**
 * Resolves true when `login` is an active owner (role "admin") of `org`; throws NotOwnerError
 * for a member, billing manager or pending invitee, and OrgHiddenError when GitHub answers 404
 * (the user is not affiliated, or the org's SAML hides it). A 403 (the org blocks the App, or
 * the App lacks "Members") resolves false: the role is unknown, and the PAT endpoints' own
 * answer then says what is wrong. Other failures are GitHub's own.
 */
export async function assertOrgOwner(
  client: GitHubClient,
  org: string,
  login: string,
  webHost: string,
): Promise<boolean> {
  let membership: Membership;
  try {
    const { data } = await client.request('GET /user/memberships/orgs/{org}', { org });
    membership = data as Membership;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403) return false;
    if (status !== 404) throw error;
    throw new OrgHiddenError(
      `${notOwnerMessage(login, org)}: GitHub does not show ${login} as a member of ${org}. Check the organization's spelling. ${samlHelp(org, webHost)}`,
    );
  }
  if (membership.role === 'admin' && membership.state === 'active') return true;
  const pending = membership.role === 'admin' && membership.state === 'pending';
  throw new NotOwnerError(
    pending
      ? `${notOwnerMessage(login, org)} yet: accept the invitation to ${org} on GitHub, then try again.`
      : `${notOwnerMessage(login, org)}. Only organization owners can audit and revoke its tokens: sign in with GitHub as an owner of ${org}, or ask an owner to use PATrol.`,
  );
}

/**
 * Remembers, for this worker's life, the (API, login, org) triples found to be owners, so the
 * check costs one request per org per session. Refusals and unknown roles are not remembered:
 * an owner promoted meanwhile is let in on the next try.
 */
export class OwnerCheck {
  private readonly owners = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();

  ensure(
    client: GitHubClient,
    apiBaseUrl: string,
    webHost: string,
    org: string,
    login: string,
  ): Promise<void> {
    const key = `${apiBaseUrl}|${login.toLowerCase()}|${org.toLowerCase()}`;
    if (this.owners.has(key)) return Promise.resolve();
    const running = this.inFlight.get(key);
    if (running) return running;
    const check = assertOrgOwner(client, org, login, webHost)
      .then((confirmed) => {
        if (confirmed) this.owners.add(key);
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, check);
    return check;
  }

  clear(): void {
    this.owners.clear();
  }
}
