// Removing SAML SSO credential authorizations as a job kind. GitHub has one DELETE per
// credential, so a batch is sent one DELETE at a time: the client's throttling already
// spaces writes about a second apart (GitHub's secondary limits), and nothing here bypasses
// it. A batch cut short (a rate limit mid-way) is sent again by the engine: ids removed in
// this worker's lifetime are skipped, and a DELETE of one already gone answers 404, which
// counts as removed; verification against a reloaded list decides every outcome.
import type { GitHubClient } from '../../github/client';
import { removeCredentialAuthorization } from '../../github/credential-authorizations';
import type { KindRunner } from '../job-runner';

export function removeAuthorizationKind(deps: {
  client: (org: string) => Promise<GitHubClient>;
  stillListed: (org: string, ids: readonly number[]) => Promise<Set<number>>;
}): KindRunner {
  const removed = new Map<string, Set<number>>();
  return {
    action: 'remove SSO authorizations',
    doneOutcome: 'removed',
    async send(org, items) {
      const client = await deps.client(org);
      const key = org.toLowerCase();
      const done = removed.get(key) ?? new Set<number>();
      removed.set(key, done);
      for (const item of items) {
        if (done.has(item.id)) continue;
        await removeCredentialAuthorization(client, org, item.id);
        done.add(item.id);
      }
    },
    stillListed: (org, items) =>
      deps.stillListed(
        org,
        items.map((item) => item.id),
      ),
  };
}
