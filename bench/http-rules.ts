// GitHub's HTTP rules in the bench: what a refresh of an unchanged org costs (requests answered
// 304, primary rate-limit points spent), and a load against a fake that enforces GitHub's
// CPU-time rule (90 s of response time per 60 s) and concurrency rule (100), compared with the
// fastest schedule that rule allows at PATrol's 4 in flight (lib/github/budget.ts).
import { performance } from 'node:perf_hooks';
import type { BrowserContext, Page } from '@playwright/test';
import { fastestScheduleMs, GITHUB_LIMITS } from '../lib/github/budget.ts';
import { sendFromPage } from '../tests/e2e/fixtures.ts';
import type { Exchange, FakeGitHub } from '../tests/fake-github/server.ts';
import { startFakeGitHub } from '../tests/fake-github/server.ts';
import type { BenchConfig } from './config.ts';
import { launchWithExtension, removeTempDir, tempDir } from './launch.ts';
import { ORG } from './node-bench.ts';
import { round } from './stats.ts';

export interface RefreshRun {
  listRequests: number;
  notModified: number;
  /** x-ratelimit-used after the refresh minus before, as GitHub reports it. */
  pointsSpent: number;
  wallMs: number;
}

export interface CpuRuleRun {
  grants: number;
  latencyMs: number;
  listRequests: number;
  /** Answers refused by the fake's secondary-limit rules (must be 0). */
  secondaryLimitResponses: number;
  wallMs: number;
  /** The fastest the 90 s rule allows at 4 in flight. */
  fastestMs: number;
  ratio: number;
  /** PATrol's own budget of response time per rolling 60 s. */
  budgetMs: number;
  /** Mean time the fake took per list page (its latency plus its own work on a busy machine). */
  serverMeanMs: number;
  /** The fastest the rule allows at the fake's measured answer time, and the ratio to it. */
  fastestAtServerMs: number;
  ratioAtServer: number;
}

const isRest = (ex: Exchange) => ex.site === 'rest';
const isList = (ex: Exchange) =>
  ex.method === 'GET' && isRest(ex) && /\/personal-access-tokens(\?|$)/.test(ex.restPath ?? '');
const used = (ex: Exchange | undefined) => Number(ex?.responseHeaders['x-ratelimit-used'] ?? Number.NaN);

/** Reloads the org from an extension page with nothing changed at GitHub. */
export async function refreshUnchanged(page: Page, fake: FakeGitHub, total: number): Promise<RefreshRun> {
  const before = fake.requests.filter(isRest).at(-1);
  const from = fake.requests.length;
  const started = performance.now();
  const reply = await sendFromPage(page, 'grants.load', { org: ORG, refresh: true });
  if (!reply.ok) throw new Error(`refresh failed: ${reply.error.message}`);
  if (reply.data.count !== total) throw new Error(`refresh returned ${reply.data.count}`);
  const wallMs = round(performance.now() - started);
  const lists = fake.requests.slice(from).filter(isList);
  const after = fake.requests.filter(isRest).at(-1);
  return {
    listRequests: lists.length,
    notModified: lists.filter((ex) => ex.status === 304).length,
    pointsSpent: used(after) - used(before),
    wallMs,
  };
}

/** A fresh fake that enforces GitHub's CPU-time and concurrency rules, and one load. */
export async function runCpuRule(
  grants: number,
  latencyMs: number,
  config: BenchConfig,
  extensionPath: string,
  configure: (context: BrowserContext, fake: FakeGitHub, extensionId: string) => Promise<Page>,
  log: (message: string) => void,
): Promise<CpuRuleRun> {
  const fake = await startFakeGitHub({ deviceInterval: 1, rateLimit: 1_000_000_000, logBodies: false });
  const userDataDir = tempDir('patrol-bench-cpu-');
  let context: BrowserContext | null = null;
  try {
    fake.seedOrg(ORG, { grants, seed: config.seed });
    context = await launchWithExtension(extensionPath, fake, userDataDir, !config.headed);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const options = await configure(context, fake, new URL(worker.url()).host);
    fake.faults.latencyMs = latencyMs;
    fake.faults.enforceSecondaryLimits();
    const from = fake.requests.length;
    const started = performance.now();
    const reply = await sendFromPage(options, 'grants.load', { org: ORG, refresh: true });
    const wallMs = round(performance.now() - started);
    if (!reply.ok) throw new Error(`load failed: ${reply.error.message}`);
    const exchanges = fake.requests.slice(from);
    const lists = exchanges.filter(isList);
    const fastestMs = fastestScheduleMs(Math.ceil(grants / 100), latencyMs);
    const serverMeanMs = round(
      lists.reduce((sum, ex) => sum + ex.durationMs, 0) / Math.max(1, lists.length),
      1,
    );
    const fastestAtServerMs = fastestScheduleMs(Math.ceil(grants / 100), Math.max(latencyMs, serverMeanMs));
    const run: CpuRuleRun = {
      grants: reply.data.count,
      latencyMs,
      listRequests: lists.length,
      secondaryLimitResponses: exchanges.filter((ex) => ex.rule !== undefined || ex.fault === 'secondary')
        .length,
      wallMs,
      fastestMs,
      ratio: round(wallMs / fastestMs, 2),
      budgetMs: GITHUB_LIMITS.responseMsPerWindow,
      serverMeanMs,
      fastestAtServerMs,
      ratioAtServer: round(wallMs / fastestAtServerMs, 2),
    };
    log(
      `  CPU-time rule: ${run.grants} grants at ${latencyMs} ms in ${(wallMs / 1000).toFixed(1)} s (fastest allowed ${(fastestMs / 1000).toFixed(1)} s, ${run.ratio}×; at the fake's mean answer of ${serverMeanMs} ms ${(fastestAtServerMs / 1000).toFixed(1)} s, ${run.ratioAtServer}×), ${run.secondaryLimitResponses} secondary-limit answers`,
    );
    return run;
  } finally {
    await context?.close().catch(() => undefined);
    await fake.close().catch(() => undefined);
    removeTempDir(userDataDir);
  }
}
