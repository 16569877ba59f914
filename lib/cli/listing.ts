// A Markdown list of the tokens a dry run would act on.
import { riskOf } from '../risk';
import type { Token } from '../tokens';
import { count, mdTable, mdText } from './markdown';

const day = (d: Date | null): string => (d === null ? '—' : d.toISOString().slice(0, 10));

export function listMarkdown(org: string, tokens: readonly Token[], verb: string, now: number): string {
  const title = `## ${verb} ${count(tokens.length)} token${tokens.length === 1 ? '' : 's'} in ${mdText(org)}`;
  if (tokens.length === 0) return `${title}\n`;
  const rows = tokens.map((t) => [
    mdText(t.tokenName),
    mdText(t.ownerLogin),
    riskOf(t, now),
    day(t.lastUsedAt),
    day(t.expiresAt),
    String(t.grantId),
  ]);
  return `${title}\n\n${mdTable(['Token', 'Owner', 'Risk', 'Last used', 'Expires', 'Grant id'], rows)}\n`;
}
