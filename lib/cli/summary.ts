// The audit's Markdown summary (PRODUCT.md "Command line"): counts by risk and by policy,
// the top owners, and the tokens matching --fail-on, per org.
import { filterTokens } from '../filter/evaluate';
import type { Policy } from '../policies';
import { type RiskLevel, riskOf } from '../risk';
import type { Token } from '../tokens';
import { count, mdCode, mdTable, mdText } from './markdown';

export { DEFAULT_POLICIES, type Policy } from '../policies';

export interface SummaryInput {
  org: string;
  query: string;
  /** The audited tokens (those matching --query). */
  tokens: readonly Token[];
  policies: readonly Policy[];
  failOn: { query: string; tokens: readonly Token[] } | null;
  repositories: ReadonlyMap<number, readonly string[]>;
}

const TOP_OWNERS = 10;
const LISTED = 50;
const day = (d: Date | null): string => (d === null ? '—' : d.toISOString().slice(0, 10));

function byRisk(tokens: readonly Token[], now: number): Record<RiskLevel, number> {
  const counts = { high: 0, medium: 0, low: 0 };
  for (const token of tokens) counts[riskOf(token, now)] += 1;
  return counts;
}

function topOwners(tokens: readonly Token[], now: number): string[][] {
  const owners = new Map<string, { tokens: number; high: number }>();
  for (const token of tokens) {
    const entry = owners.get(token.ownerLogin) ?? { tokens: 0, high: 0 };
    entry.tokens += 1;
    if (riskOf(token, now) === 'high') entry.high += 1;
    owners.set(token.ownerLogin, entry);
  }
  return [...owners]
    .sort((a, b) => b[1].tokens - a[1].tokens || b[1].high - a[1].high || a[0].localeCompare(b[0]))
    .slice(0, TOP_OWNERS)
    .map(([login, entry]) => [mdText(login), count(entry.tokens), count(entry.high)]);
}

export function summaryMarkdown(input: SummaryInput, now: number): string {
  const { org, tokens } = input;
  const ctx = { now, selected: new Set<number>(), repositories: input.repositories, org };
  const risk = byRisk(tokens, now);
  const when = new Date(now).toISOString().slice(0, 16).replace('T', ' ');
  const scope = input.query.trim() === '' ? '' : ` matching ${mdCode(input.query)}`;
  const parts = [
    `## PATrol audit of ${mdText(org)}`,
    `${count(tokens.length)} fine-grained tokens${scope} · ${when} UTC`,
    mdTable(
      ['Risk', 'Tokens'],
      [
        ['High', count(risk.high)],
        ['Medium', count(risk.medium)],
        ['Low', count(risk.low)],
      ],
      new Set([1]),
    ),
  ];
  if (input.policies.length > 0) {
    const rows = input.policies.map((p) => [
      mdText(p.name),
      mdCode(p.query),
      count(filterTokens(tokens, p.query, ctx).length),
    ]);
    parts.push('### Policies', mdTable(['Policy', 'Query', 'Tokens'], rows, new Set([2])));
  }
  if (tokens.length > 0) {
    parts.push(
      '### Top owners',
      mdTable(['Owner', 'Tokens', 'High risk'], topOwners(tokens, now), new Set([1, 2])),
    );
  }
  if (input.failOn) {
    const hits = input.failOn.tokens;
    parts.push(`### ${count(hits.length)} tokens match --fail-on ${mdCode(input.failOn.query)}`);
    if (hits.length > 0) {
      const rows = hits
        .slice(0, LISTED)
        .map((t) => [
          mdText(t.tokenName),
          mdText(t.ownerLogin),
          riskOf(t, now),
          day(t.lastUsedAt),
          day(t.expiresAt),
          String(t.grantId),
        ]);
      parts.push(mdTable(['Token', 'Owner', 'Risk', 'Last used', 'Expires', 'Grant id'], rows));
      if (hits.length > LISTED) parts.push(`…and ${count(hits.length - LISTED)} more (see the CSV).`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
