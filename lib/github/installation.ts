// The App's installation on an org, asked with the App's JWT. Shared by the worker (which
// remembers the id in storage) and the command line (which asks once per run).
import { PatrolError } from '../errors';
import type { GitHubClient } from './client';

export async function findOrgInstallation(app: GitHubClient, org: string): Promise<number> {
  const { data } = await app.rest.apps.getOrgInstallation({ org }).catch((error: { status?: number }) => {
    if (error.status !== 404) throw error;
    throw new PatrolError(
      'not_installed',
      `The GitHub App is not installed on ${org} (or ${org} does not exist). An owner of ${org} installs it from the App's settings page (Install App → ${org}); then try again.`,
    );
  });
  return data.id;
}
