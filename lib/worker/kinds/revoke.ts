// Revocation as a job kind: a batch is one bulk POST (at most 100 grant ids; GitHub answers
// 202 and applies it later); verification asks which grants are still listed.
import type { GitHubClient } from '../../github/client';
import { revokeGrantBatch } from '../../github/grants';
import type { JobItem } from '../../jobs/job';
import type { KindRunner } from '../job-runner';

export function revokeKind(deps: {
  client: (org: string) => Promise<GitHubClient>;
  stillListed: (org: string, items: readonly JobItem[]) => Promise<Set<number>>;
}): KindRunner {
  return {
    action: 'revoke tokens',
    doneOutcome: 'revoked',
    async send(org, items) {
      await revokeGrantBatch(
        await deps.client(org),
        org,
        items.map((item) => item.id),
      );
    },
    stillListed: deps.stillListed,
  };
}
