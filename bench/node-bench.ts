// Pure figures in Node, no browser: the audit CSV (lib/csv.ts) and the popup's search
// (lib/popup-search.ts) over tokens normalised from the fake GitHub's own JSON.
import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import { packGrants, unpackGrants } from '../lib/cache-pack.ts';
import { type AuditRow, auditCsv } from '../lib/csv.ts';
import { createSearchIndex, search } from '../lib/popup-search.ts';
import { normaliseGrant, type Token, toWire } from '../lib/tokens.ts';
import { DOTCOM, grantJson } from '../tests/fake-github/render.ts';
import { generateOrg } from '../tests/fake-github/seed.ts';
import { round, type Summary, summarise } from './stats.ts';

export const ORG = 'acme';

export interface NodeFixture {
  tokens: Token[];
  /** Full repository names of each `subset` grant, as the worker would fetch them. */
  repositories: Map<number, string[]>;
  topOwner: string;
}

export function nodeFixture(grants: number, seed: number): NodeFixture {
  const org = generateOrg(ORG, { grants, seed });
  const account = { login: org.login, id: org.id, type: 'Organization' as const };
  const names = new Map(org.repos.map((repo) => [repo.id, `${org.login}/${repo.name}`]));
  const tokens = org.grants.map((grant) => normaliseGrant(grantJson(grant, account, DOTCOM, org.now)));
  const repositories = new Map<number, string[]>();
  for (const grant of org.grants) {
    if (grant.repositorySelection === 'subset')
      repositories.set(
        grant.id,
        grant.repoIds.map((id) => names.get(id) ?? String(id)),
      );
  }
  return { tokens, repositories, topOwner: topOwnerOf(tokens.map((t) => t.ownerLogin)) };
}

/** The most frequent owner login (ties: alphabetical), for `owner:` queries that match. */
export function topOwnerOf(logins: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const login of logins) counts.set(login, (counts.get(login) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'nobody';
}

/** Milliseconds of `fn`, median of `runs` after one warm-up. */
function timeMedian(runs: number, fn: () => unknown): { medianMs: number; runsMs: number[] } {
  fn();
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    runsMs.push(round(performance.now() - start));
  }
  return { medianMs: summarise(runsMs).p50, runsMs };
}

export interface CsvFigure {
  rows: number;
  withRepositories: boolean;
  medianMs: number;
  runsMs: number[];
  bytes: number;
}

export function benchAuditCsv(fixture: NodeFixture, rows: number): CsvFigure[] {
  const tokens = fixture.tokens.slice(0, rows);
  const now = Date.now();
  return [false, true].map((withRepositories) => {
    const audit: AuditRow[] = tokens.map((token) => ({
      token,
      repositories:
        withRepositories && token.repositorySelection === 'subset'
          ? (fixture.repositories.get(token.grantId) ?? [])
          : null,
    }));
    let bytes = 0;
    const timing = timeMedian(7, () => {
      bytes = auditCsv(audit, ORG, now).length;
    });
    return { rows: tokens.length, withRepositories, bytes, ...timing };
  });
}

/** The popup's query script: typed one character at a time, as the popup searches. */
export function popupQueries(topOwner: string): string[] {
  return [
    'deploy',
    'alex',
    'ci prod',
    'terrafrm',
    'acme',
    'local dev',
    'gh cli 2025',
    'vault',
    'risk:high deploy',
    `owner:${topOwner}`,
    'used:>90d backup',
    'expires:<30d release',
    'perm:contents:write ci',
    'maya',
    'renovate bot',
    'zoe',
    'package publish',
    'security scan',
    'grafana tmp',
    'jonas-',
  ];
}

export const prefixes = (query: string): string[] =>
  Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1));

export interface SearchFigure {
  tokens: number;
  indexBuildMs: number;
  /** Every prefix of every query: what the popup runs per keystroke. */
  keystroke: Summary;
  /** The complete queries only. */
  fullQuery: Summary;
}

export interface CacheReadFigure {
  tokens: number;
  /** v8's structured clone read back (what IndexedDB does), then unpacking where there is any. */
  plainMs: number;
  packedMs: number;
}

/**
 * Reading a cached list back as IndexedDB does (v8 deserialisation of its structured clone):
 * as the plain list, and as lib/cache-pack.ts stores it, unpacking included.
 */
export function benchCacheRead(fixture: NodeFixture): CacheReadFigure {
  const loaded = { org: ORG, loadedAt: 0, tokens: fixture.tokens.map(toWire) };
  const plain = serialize(loaded);
  const packed = serialize(packGrants(loaded));
  return {
    tokens: fixture.tokens.length,
    plainMs: timeMedian(3, () => deserialize(plain)).medianMs,
    packedMs: timeMedian(3, () => unpackGrants(deserialize(packed))).medianMs,
  };
}

export function benchPopupSearch(fixture: NodeFixture): SearchFigure {
  const build = timeMedian(3, () => createSearchIndex([{ org: ORG, tokens: fixture.tokens }]));
  const index = createSearchIndex([{ org: ORG, tokens: fixture.tokens }]);
  const now = Date.now();
  const queries = popupQueries(fixture.topOwner);
  const typed = queries.flatMap(prefixes);
  for (const q of typed) search(index, q, now, 50); // warm-up: JIT and uFuzzy's regexps
  const keystroke: number[] = [];
  const full: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    for (const query of queries) {
      for (const q of prefixes(query)) {
        const start = performance.now();
        search(index, q, now, 50);
        const ms = performance.now() - start;
        keystroke.push(ms);
        if (q === query) full.push(ms);
      }
    }
  }
  return {
    tokens: fixture.tokens.length,
    indexBuildMs: build.medianMs,
    keystroke: summarise(keystroke),
    fullQuery: summarise(full),
  };
}
