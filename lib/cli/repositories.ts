// Repository lists of `subset` tokens, for `repo:` and the CSV's repositories column: one
// paginated request per token (lib/github/grants.ts), four in flight like the worker's.
import type { GitHubClient } from '../github/client';
import { listGrantRepositories } from '../github/grants';
import type { Token } from '../tokens';

const IN_FLIGHT = 4;

export async function fetchRepositories(
  client: GitHubClient,
  org: string,
  tokens: readonly Token[],
  known: Map<number, readonly string[]>,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const wanted = tokens.filter((t) => t.repositorySelection === 'subset' && !known.has(t.grantId));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const token = wanted[next++] as Token;
      known.set(token.grantId, await listGrantRepositories(client, org, token.grantId));
      onProgress(++done, wanted.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, wanted.length) }, worker));
}
