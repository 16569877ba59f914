// "Test connection" on the options page: which installation PATrol found, the permissions it
// grants, and exactly what is missing and how to fix it.
import { describeGitHubError } from '../github/errors';
import { MEMBERS_PERMISSION_HELP } from '../members';
import type { ConnectionReport } from '../protocol';
import { identityItem, webHostOf } from '../storage';
import type { Credentials } from './credentials';

export async function testConnection(credentials: Credentials, org: string): Promise<ConnectionReport> {
  const settings = await credentials.settings();
  const problems: string[] = [];
  let identity = '';
  let installationId: number | null = null;
  let permissions: Record<string, string> = {};
  if (settings.mode === 'private-key') {
    const app = await credentials.appClient();
    const { data: appInfo } = await app.rest.apps.getAuthenticated();
    identity = `App ${appInfo?.slug ?? appInfo?.name ?? settings.clientId}`; // as the log says who acted
    try {
      const { data } = await app.rest.apps.getOrgInstallation({ org });
      installationId = data.id;
      permissions = data.permissions as Record<string, string>;
    } catch (error) {
      if ((error as { status?: number }).status === 404) {
        problems.push(
          `The app is not installed on ${org}. An owner of ${org} installs it from the App's public page (Install App → ${org}), or from ${org}'s settings → GitHub Apps.`,
        );
      } else throw error;
    }
  } else {
    const user = await credentials.userClient();
    const { data: me } = await user.rest.users.getAuthenticated();
    identity = me.login;
    // "{login} is not an owner of {org}" rather than a permission error further down.
    await credentials.owners.ensure(user, settings.apiBaseUrl, webHostOf(settings.apiBaseUrl), org, me.login);
    const installations = await user.paginate(user.rest.apps.listInstallationsForAuthenticatedUser, {
      per_page: 100,
    });
    const found = installations.find(
      (inst) => (inst.account as { login?: string } | null)?.login?.toLowerCase() === org.toLowerCase(),
    );
    if (found) {
      installationId = found.id;
      permissions = found.permissions as Record<string, string>;
    } else {
      problems.push(
        `The app is not installed on ${org}, or ${me.login} cannot see its installation. Install the App on ${org} (org settings → GitHub Apps).`,
      );
    }
  }
  await identityItem.setValue(identity);
  const level = permissions.organization_personal_access_tokens;
  const canRead = level === 'read' || level === 'write';
  const canWrite = level === 'write';
  if (installationId !== null && !canRead) {
    problems.push(
      'The app lacks the organization permission "Personal access tokens". Set it to "Read and write" in the App settings, then accept the new permissions on the installation.',
    );
  } else if (installationId !== null && !canWrite) {
    problems.push(
      'The app can read tokens but not revoke them: set "Personal access tokens" to "Read and write" in the App settings, then accept the new permissions on the installation.',
    );
  }
  if (installationId !== null && canRead) {
    try {
      const client = await credentials.clientFor(org);
      await client.request('GET /orgs/{org}/personal-access-tokens', { org, per_page: 1 });
    } catch (error) {
      problems.push(describeGitHubError(error, { org, action: 'list tokens' }).message);
    }
  }
  // Optional: membership in token details and `member:` (PRODUCT.md "The panel").
  const notes: string[] = [];
  const members = permissions.members;
  if (installationId !== null && members !== 'read' && members !== 'write') {
    notes.push(
      `Token details cannot show whether owners are members of ${org}, and member: finds nothing. ${MEMBERS_PERMISSION_HELP}`,
    );
  }
  return { org, identity, installationId, permissions, canRead, canWrite, problems, notes };
}
