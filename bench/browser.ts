// One size in real Chromium: the production build (.output/chrome-mv3) against a fresh fake
// GitHub with a fixed latency per REST request, in a fresh profile. Drives the panel as an
// owner would (tests/e2e/panel.spec.ts) and measures in the panel (bench/harness.ts). The panel
// is an extension page (panel.html) in an iframe inside a closed shadow root, out of process:
// it is found by URL among page.frames(), probed and typed into there, and its heap is read
// over a CDP session to the frame's own target.
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { BrowserContext, CDPSession, Frame, Locator, Page, Worker } from '@playwright/test';
import * as grantsModule from '../lib/github/grants.ts';
import type { JobSummary } from '../lib/protocol';
import { choosePassphrase, sendFromPage, unpackedExtensionId } from '../tests/e2e/fixtures.ts';
import type { Exchange, FakeGitHub } from '../tests/fake-github/server.ts';
import { startFakeGitHub } from '../tests/fake-github/server.ts';
import {
  attachToServiceWorker,
  evaluateInWorld,
  type HeapFigure,
  type HotFunction,
  pageHeap,
  profiled,
  serviceWorkerHeap,
  withCpuSlowdown,
} from './cdp.ts';
import type { BenchConfig } from './config.ts';
import {
  type KeySample,
  type ProbeOptions,
  type ProbeWindow,
  panelProbeScript,
  probeIfMissing,
  probeScript,
  REPLACE_STATE_PROBE,
} from './harness.ts';
import { type RefreshRun, refreshUnchanged } from './http-rules.ts';
import { launchWithExtension, removeTempDir, tempDir } from './launch.ts';
import { ORG, popupQueries, topOwnerOf } from './node-bench.ts';
import { type PopupOpenFigures, popupOpen } from './popup-open.ts';
import { round, type Summary, summarise } from './stats.ts';
import { cpuTimes, stolenPercent } from './steal.ts';

const stolenNote = (figures: KeystrokeFigures): string =>
  figures.stolenPercent === null ? '' : ` (host took ${figures.stolenPercent}% of the CPU meanwhile)`;

/** A count as the panel's status writes it (lib/plural.ts): 50,000. */
const count = (n: number): string => n.toLocaleString('en-US');

const ACTIVE = `https://github.com/organizations/${ORG}/settings/personal-access-tokens/active`;
/** The panel's own filter script: ~20 queries over every qualifier family but `repo:`
 * (which fetches every `subset` token's repositories) and `is:selected`. */
export function filterQueries(topOwner: string): string[] {
  return [
    'deploy',
    'ci',
    `owner:${topOwner}`,
    'perm:contents:write',
    'access:all perm:contents:write',
    'used:>90d',
    'expires:never',
    'expires:<30d is:active',
    'risk:high',
    '-access:none risk:medium',
    'name:"local dev"',
    'granted:>1y',
    'used:never -expires:never',
    'perm:administration:write used:>90d',
    'is:expired',
    `terraform owner:${topOwner}`,
    'perm:secrets',
    'used:<7d',
    '-perm:contents risk:low',
    'release 2025',
  ];
}

export interface KeystrokeFigures {
  keystrokes: number;
  /** CPU time the host took from this machine while they were typed (bench/steal.ts). */
  stolenPercent: number | null;
  /** Keystroke → status and rows updated in the DOM (the budgeted figure). */
  toDom: Summary;
  /** Keystroke → the next frame painted (includes waiting for the frame: up to one vsync). */
  toPaint: Summary;
  /** PATrol's patrol:filter:start → end (filterTokens alone); null in the popup. */
  filterJs: Summary | null;
  /** The last keystroke of each query only. */
  finalKeystrokeToDom: Summary;
  /** Where keystroke → DOM goes: event timestamp → keydown listener (input delay), keydown →
   * input event, PATrol's input handler + Preact's render (until every listener is done). */
  breakdown: {
    inputDelay: Summary;
    keydownToInput: Summary;
    handlerAndRender: Summary;
    /** Inside handlerAndRender: history.replaceState (the URL hash), when instrumented. */
    replaceState: Summary | null;
  };
  maxRows: number;
  perQuery: { query: string; status: string; toDomMs: number; filterMs: number | null }[];
  /** The ten slowest keystrokes (what the box held after each), to see what the p95 is made of. */
  slowest: {
    value: string;
    toDomMs: number;
    filterMs: number | null;
    /** Its parts, as in `breakdown`. */
    inputDelayMs: number | null;
    keydownToInputMs: number | null;
    handlerAndRenderMs: number;
    status: string;
  }[];
}

export interface CsvRun {
  rows: number;
  /** Click on "Export CSV" → the download starts. */
  ms: number;
  /** patrol:csv:start → end: auditCsv alone, in the panel; null when the build has no marks. */
  csvBuildMs: number | null;
  bytes: number;
  repositoryRequests: number;
}

export interface SizeResult {
  size: number;
  grants: number;
  subsetTokens: number;
  load: {
    wallMs: number;
    navigationToLoadedMs: number;
    /** First list request received → last list response sent, at the fake. */
    networkSpanMs: number;
    /** Last list response → status `N of N tokens`: worker, messaging, panel. */
    afterNetworkMs: number;
    listRequests: number;
    authRequests: number;
    otherRequests: number;
    floorListRequests: number;
    floorAuthRequests: number;
    /** ceil(N/100) × latency: the sequential network floor. */
    sequentialFloorMs: number;
    /** Per list page: mean time the fake took to answer (latency included), and mean gap
     * between one page's answer and the next page's request (the client's share). */
    perPage: { serverMs: number; clientGapMs: number | null; startGapMs: number | null; maxInFlight: number };
    /** designFloorMs(): the time floor of the panel's own paging design. */
    designFloor: { ms: number; concurrency: number; gapMs: number };
  };
  /** The org reloaded with nothing changed at GitHub: 304s and rate-limit points spent. */
  refresh: RefreshRun;
  rows: { afterLoad: number; maxWhileFiltering: number };
  /** page: the panel frame's renderer (panel.html), not GitHub's page. */
  heap: { page: HeapFigure; pageAfterFiltering: HeapFigure; serviceWorker: HeapFigure | null };
  filter: KeystrokeFigures;
  csv: {
    withoutRepositories: CsvRun;
    withRepositories: CsvRun | { skipped: string };
    /** Every token again, repository lists already in the panel: N rows, no fetches. */
    allFetchedAlready: CsvRun | { skipped: string };
  };
  revoke: RevokeRun | { skipped: string };
  popup:
    | (KeystrokeFigures & {
        /** Playwright's goto → the "Search N tokens" status (includes the harness's round trips). */
        loadMs: number;
        /** Issue 10: navigation start → the first result of a query typed at once (bench/popup-open.ts). */
        open: PopupOpenFigures;
      })
    | { skipped: string }
    | null;
  /** With --profile: the worker's busiest functions (self time) while every grant loaded. */
  loadProfile: { busyMs: number; hot: HotFunction[] } | null;
  /** With --profile: the panel frame's busiest functions (self time) while the filter script ran. */
  filterProfile: { busyMs: number; hot: HotFunction[] } | null;
  timings: Record<string, number>;
}

export interface RevokeRun {
  tokens: number;
  posts: number;
  floorPosts: number;
  otherRequests: number;
  /** jobs.start → jobs.latest says done (asked every 500 ms). */
  wallMs: number;
  /** Mean time between two POSTs arriving at the fake (Octokit paces writes 1 s apart). */
  postIntervalMs: number | null;
  /** jobs.start → the job's last request answered, at the fake. */
  toLastRequestMs: number;
  /** (posts − 1) × 1 s of write pacing + one POST and one verifying list page of latency. */
  floorMs: number;
  revoked: number;
  failed: number;
  unconfirmed: number;
}

const isList = (ex: Exchange) =>
  ex.method === 'GET' && ex.site === 'rest' && /\/personal-access-tokens(\?|$)/.test(ex.restPath ?? '');
const isAuth = (ex: Exchange) =>
  ex.site === 'rest' &&
  ((ex.method === 'GET' && /^\/orgs\/[^/]+\/installation(\?|$)/.test(ex.restPath ?? '')) ||
    (ex.method === 'POST' && /^\/app\/installations\/\d+\/access_tokens/.test(ex.restPath ?? '')));
const isRepositories = (ex: Exchange) =>
  ex.method === 'GET' && /\/personal-access-tokens\/\d+\/repositories/.test(ex.restPath ?? '');
const isRevokePost = (ex: Exchange) =>
  ex.method === 'POST' && /\/personal-access-tokens(\?|$)/.test(ex.restPath ?? '');

type Log = (message: string) => void;

function perPage(lists: readonly Exchange[]): SizeResult['load']['perPage'] {
  const serverMs = lists.reduce((sum, ex) => sum + ex.durationMs, 0) / Math.max(1, lists.length);
  let gaps = 0;
  let maxInFlight = 0;
  for (let i = 0; i < lists.length; i++) {
    const ex = lists[i] as Exchange;
    const next = lists[i + 1];
    if (next) gaps += next.time - (ex.time + ex.durationMs);
    const inFlight = lists.filter((o) => o.time <= ex.time && o.time + o.durationMs > ex.time).length;
    maxInFlight = Math.max(maxInFlight, inFlight);
  }
  const first = lists[0];
  const last = lists.at(-1);
  return {
    serverMs: round(serverMs, 1),
    // Only meaningful one page at a time: with pages in flight together there is no gap.
    clientGapMs: maxInFlight <= 1 ? round(gaps / Math.max(1, lists.length - 1), 1) : null,
    startGapMs:
      first && last && lists.length > 1 ? round((last.time - first.time) / (lists.length - 1), 1) : null,
    maxInFlight,
  };
}

/**
 * The least time the panel's own design allows: the first page alone, then the rest with
 * PAGE_CONCURRENCY in flight and PAGE_START_GAP_MS between starts (lib/github/grants.ts,
 * when it exports them; one page at a time otherwise).
 */
export function designFloorMs(
  pages: number,
  latencyMs: number,
): { ms: number; concurrency: number; gapMs: number } {
  const exported = grantsModule as unknown as Record<string, unknown>;
  const concurrency = typeof exported.PAGE_CONCURRENCY === 'number' ? exported.PAGE_CONCURRENCY : 1;
  const gapMs = typeof exported.PAGE_START_GAP_MS === 'number' ? exported.PAGE_START_GAP_MS : 0;
  if (pages <= 1) return { ms: latencyMs, concurrency, gapMs };
  const rest = Math.max(Math.ceil((pages - 1) / concurrency) * latencyMs, (pages - 2) * gapMs + latencyMs);
  return { ms: latencyMs + rest, concurrency, gapMs };
}

/** The extension's service worker (an unpacked extension's worker starts with the browser). */
async function serviceWorkerOf(context: BrowserContext, extensionPath: string): Promise<Worker> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [existing] = context.serviceWorkers();
    if (existing) return existing;
    try {
      return await context.waitForEvent('serviceworker', { timeout: 10_000 });
    } catch {
      // It may have started and stopped before Playwright attached: wake it with a page.
      const page = await context.newPage();
      await page
        .goto(`chrome-extension://${unpackedExtensionId(extensionPath)}/popup.html`)
        .catch(() => undefined);
      await page.close();
    }
  }
  throw new Error(`PATrol's service worker did not start from ${extensionPath}`);
}

export async function configure(
  context: BrowserContext,
  fake: FakeGitHub,
  extensionId: string,
): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const radio = options.getByLabel('App private key');
  const clientId = options.getByRole('textbox', { name: 'Client ID or App ID' });
  // The page applies the stored settings when they arrive, which can undo a choice made
  // before that: fill in, and fill in again until the form keeps what was entered.
  for (let attempt = 1; ; attempt++) {
    if (attempt > 8) throw new Error('the options page kept resetting the credentials form');
    await radio.click();
    await options.waitForTimeout(250 * attempt);
    if (!(await radio.isChecked())) continue;
    try {
      await clientId.fill(fake.app.clientId, { timeout: 5_000 });
      await options
        .getByRole('textbox', { name: 'Private key' })
        .fill(fake.app.privateKeyPkcs1, { timeout: 5_000 });
      // The default "Locked with a passphrase" mode asks for it twice; saving unlocks.
      await choosePassphrase(options);
    } catch {
      continue;
    }
    await options.waitForTimeout(300);
    if ((await radio.isChecked()) && (await clientId.inputValue()) === fake.app.clientId) break;
  }
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Saved.').waitFor();
  await options.getByRole('textbox', { name: 'Organization' }).fill(ORG);
  await options.getByRole('button', { name: 'Test connection' }).click();
  await options
    .getByRole('status', { name: 'Connection result' })
    .getByText(/PATrol can list/)
    .waitFor({ timeout: 60_000 });
  return options;
}

/** PATrol's panel frame in `page` (found by URL: its iframe is in a closed shadow root). */
async function panelFrameOf(page: Page, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => !f.isDetached() && f.url().includes('/panel.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error("PATrol's panel frame never appeared");
    await page.waitForTimeout(20);
  }
}

/** A CDP session to the panel frame's own target (an out-of-process iframe); the page's
 * session when Chromium kept the frame in the page's process. */
async function frameSession(
  context: BrowserContext,
  page: Page,
  frame: Frame,
  log: Log,
): Promise<CDPSession> {
  try {
    return await context.newCDPSession(frame);
  } catch (error) {
    log(`  panel frame is not out of process (${String(error)}): heap of the page instead`);
    return context.newCDPSession(page);
  }
}

/** history.replaceState measures on the page's timeline (epoch ms), since the last take. */
async function takePageMeasures(page: Page): Promise<{ at: number; ms: number }[]> {
  return page.evaluate(() => {
    const entries = performance.getEntriesByName('patrol-bench:replaceState', 'measure');
    performance.clearMeasures('patrol-bench:replaceState');
    return entries.map((e) => ({ at: performance.timeOrigin + e.startTime, ms: e.duration }));
  });
}

const probe = (page: Page | Frame) => ({
  state: () => page.evaluate(() => (window as unknown as ProbeWindow).__patrolBench.state),
  take: () => page.evaluate(() => (window as unknown as ProbeWindow).__patrolBench.take()),
  rows: () => page.evaluate(() => (window as unknown as ProbeWindow).__patrolBench.rows()),
  count: () => page.evaluate(() => (window as unknown as ProbeWindow).__patrolBench.state.samples.length),
  wait: (count: number, timeoutMs: number) =>
    page.evaluate(
      ([n, t]) => (window as unknown as ProbeWindow).__patrolBench.waitSamples(n as number, t as number),
      [count, timeoutMs],
    ),
});

/**
 * Types each query one key at a time; after each key, waits until its frame painted. The
 * probe and the box are in `target` (the panel frame, or the popup page); keys go to `page`.
 * With `measuresPage`, history.replaceState measures on that page's timeline (the content
 * script writing the query to GitHub's URL hash) are assigned to keystrokes by time.
 */
async function typeQueries(
  page: Page,
  target: Page | Frame,
  box: Locator,
  queries: readonly string[],
  keyTimeoutMs: number,
  log: Log,
  measuresPage: Page | null = null,
): Promise<KeystrokeFigures> {
  const p = probe(target);
  const timeOrigin = measuresPage ? (await p.state()).timeOrigin : 0;
  const attribute = async (got: KeySample[]) => {
    if (!measuresPage) return;
    const measures = await takePageMeasures(measuresPage).catch(() => []);
    if (measures.length === 0) return;
    got.forEach((sample, i) => {
      const from = timeOrigin + sample.t0;
      const next = got[i + 1];
      const to = next ? timeOrigin + next.t0 : Number.POSITIVE_INFINITY;
      let ms: number | null = sample.replaceStateMs;
      for (const m of measures) if (m.at >= from && m.at < to) ms = (ms ?? 0) + m.ms;
      sample.replaceStateMs = ms;
    });
  };
  const samples: KeySample[] = [];
  const perQuery: KeystrokeFigures['perQuery'] = [];
  const cpuBefore = cpuTimes();
  const finals: number[] = [];
  await box.click();
  for (const query of queries) {
    // Clearing is not measured: fill('') is one input event, then wait for its frame.
    const before = await p.count();
    await box.fill('');
    await p.wait(before + 1, keyTimeoutMs);
    await p.take();
    if (measuresPage) await takePageMeasures(measuresPage).catch(() => []);
    for (const ch of query) {
      const n = await p.count();
      await page.keyboard.type(ch);
      if (!(await p.wait(n + 1, keyTimeoutMs)))
        log(`  no frame after typing ${JSON.stringify(ch)} in ${query}`);
    }
    // The content script's replaceState follows the frame's message: let it land.
    if (measuresPage) await page.waitForTimeout(50);
    const got = await p.take();
    await attribute(got);
    samples.push(...got);
    const last = got.at(-1);
    if (last) {
      const toDom = Math.max(last.tHandled, last.tLastMutation ?? 0) - last.t0;
      finals.push(toDom);
      perQuery.push({
        query,
        status: last.status,
        toDomMs: round(toDom),
        filterMs: last.filterMs === null ? null : round(last.filterMs),
      });
    }
  }
  await box.fill('');
  await page.waitForTimeout(100);
  await p.take();
  const filterJs = samples.flatMap((s) => (s.filterMs === null ? [] : [s.filterMs]));
  const stolen = stolenPercent(cpuBefore, cpuTimes());
  return {
    keystrokes: samples.length,
    stolenPercent: stolen,
    toDom: summarise(samples.map((s) => Math.max(s.tHandled, s.tLastMutation ?? 0) - s.t0)),
    toPaint: summarise(samples.map((s) => s.tPaint - s.t0)),
    filterJs: filterJs.length > 0 ? summarise(filterJs) : null,
    finalKeystrokeToDom: summarise(finals),
    breakdown: {
      inputDelay: summarise(samples.flatMap((s) => (s.tKeydown === null ? [] : [s.tKeydown - s.t0]))),
      keydownToInput: summarise(samples.flatMap((s) => (s.tKeydown === null ? [] : [s.tInput - s.tKeydown]))),
      handlerAndRender: summarise(samples.map((s) => Math.max(s.tHandled, s.tLastMutation ?? 0) - s.tInput)),
      replaceState: samples.some((s) => s.replaceStateMs !== null)
        ? summarise(samples.map((s) => s.replaceStateMs ?? 0))
        : null,
    },
    maxRows: Math.max(0, ...samples.map((s) => s.rows)),
    slowest: samples
      .map((s) => ({
        value: s.value,
        toDomMs: round(Math.max(s.tHandled, s.tLastMutation ?? 0) - s.t0),
        filterMs: s.filterMs === null ? null : round(s.filterMs),
        inputDelayMs: s.tKeydown === null ? null : round(s.tKeydown - s.t0),
        keydownToInputMs: s.tKeydown === null ? null : round(s.tInput - s.tKeydown),
        handlerAndRenderMs: round(Math.max(s.tHandled, s.tLastMutation ?? 0) - s.tInput),
        status: s.status,
      }))
      .sort((a, b) => b.toDomMs - a.toDomMs)
      .slice(0, 10),
    perQuery,
  };
}

async function exportCsv(page: Page, frame: Frame, button: Locator, timeoutMs: number) {
  const started = performance.now();
  const download = page.waitForEvent('download', { timeout: timeoutMs });
  await button.click();
  const file = await download;
  const ms = performance.now() - started;
  const path = await file.path();
  const bytes = path ? statSync(path).size : 0;
  await file.delete().catch(() => undefined);
  // PATrol marks patrol:csv:start/end around auditCsv in the panel frame (when the build has them).
  const csvBuildMs = await frame.evaluate(() => {
    const start = performance.getEntriesByName('patrol:csv:start', 'mark').at(-1);
    const end = performance.getEntriesByName('patrol:csv:end', 'mark').at(-1);
    return start && end && end.startTime >= start.startTime ? end.startTime - start.startTime : null;
  });
  return { ms: round(ms), bytes, csvBuildMs: csvBuildMs === null ? null : round(csvBuildMs) };
}

async function revokeAll(
  options: Page,
  fake: FakeGitHub,
  latencyMs: number,
  log: Log,
): Promise<RevokeRun | { skipped: string }> {
  const ids = fake.liveGrants(ORG).map((grant) => grant.id);
  const floorPosts = Math.ceil(ids.length / 100);
  const from = fake.requests.length;
  const started = performance.now();
  const startedAt = Date.now();
  const reply = await sendFromPage(options, 'jobs.start', { kind: 'revoke', org: ORG, ids });
  if (!reply.ok) throw new Error(`jobs.start refused: ${reply.error.message}`);
  const deadline = Date.now() + floorPosts * 3_000 + 240_000;
  let last: JobSummary | null = null;
  let lastLog = 0;
  while (Date.now() < deadline) {
    const status = await sendFromPage(options, 'jobs.latest', { org: ORG });
    last = status.ok ? status.data : null;
    if (last?.phase === 'done') break;
    if (Date.now() - lastLog > 15_000 && last) {
      lastLog = Date.now();
      log(`  revoking: ${last.sent} of ${ids.length} sent, phase ${last.phase}`);
    }
    await options.waitForTimeout(500);
  }
  const wallMs = performance.now() - started;
  if (last?.phase !== 'done') throw new Error(`revocation of ${ids.length} did not finish in time`);
  const exchanges = fake.requests.slice(from);
  const postTimes = exchanges.filter(isRevokePost).map((ex) => ex.time);
  const posts = postTimes.length;
  const lastExchange = exchanges.at(-1);
  return {
    tokens: ids.length,
    posts,
    floorPosts,
    otherRequests: exchanges.length - posts,
    wallMs: round(wallMs),
    postIntervalMs:
      posts > 1 ? round(((postTimes.at(-1) as number) - (postTimes[0] as number)) / (posts - 1), 1) : null,
    toLastRequestMs: lastExchange ? lastExchange.time + lastExchange.durationMs - startedAt : Number.NaN,
    floorMs: (floorPosts - 1) * 1000 + 2 * latencyMs,
    revoked: last.done,
    failed: last.failed,
    unconfirmed: last.unconfirmed,
  };
}

export async function runSize(
  size: number,
  config: BenchConfig,
  extensionPath: string,
  log: Log,
): Promise<SizeResult> {
  const timings: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = round((performance.now() - start) / 1000, 1);
    }
  };
  const fake = await startFakeGitHub({
    deviceInterval: 1,
    // Revocations apply at once: the figure is PATrol's pacing, not GitHub's queue.
    revokeDelayMs: 0,
    // No primary limit: 10,000 tokens' repository lists alone exceed 5,000 requests/hour.
    rateLimit: 1_000_000_000,
    logBodies: false,
  });
  const userDataDir = tempDir('patrol-bench-profile-');
  let context: BrowserContext | null = null;
  try {
    fake.seedOrg(ORG, { grants: size, seed: config.seed });
    const grants = fake.liveGrants(ORG);
    const total = grants.length;
    const subsetTokens = grants.filter((g) => g.repository_selection === 'subset').length;
    const topOwner = topOwnerOf(grants.map((g) => g.owner.login));
    const pages = Math.ceil(total / 100);

    context = await launchWithExtension(extensionPath, fake, userDataDir, !config.headed);
    const worker = await serviceWorkerOf(context, extensionPath);
    const extensionId = new URL(worker.url()).host;
    const options = await phase('configure', () => configure(context as BrowserContext, fake, extensionId));
    fake.faults.latencyMs = config.latencyMs;

    // --- Load every grant.
    const page = await context.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    // GitHub's page only notes when the content script adds the panel's host; the frame
    // (panel.html) is probed whole. Playwright applies a page's init scripts to its
    // out-of-process frames too.
    const hostOptions: ProbeOptions = {
      host: 'patrol-panel',
      loadedText: null,
      rowSelector: '[role=row]:not([hidden])',
    };
    const frameOptions: ProbeOptions = {
      host: null,
      loadedText: `${count(total)} of ${count(total)} tokens`,
      rowSelector: '[role=row]:not([hidden])',
    };
    await page.addInitScript(panelProbeScript(hostOptions, frameOptions));
    const from = fake.requests.length;
    const loadTimeout = 120_000 + pages * (config.latencyMs + 250) * 2;
    let frame: Frame | null = null;
    const loadPanel = async () => {
      await page.goto(ACTIVE);
      frame = await panelFrameOf(page, 60_000);
      await frame
        .getByRole('region', { name: 'PATrol' })
        .getByRole('status')
        .filter({ hasText: `${count(total)} of ${count(total)} tokens` })
        .waitFor({ timeout: loadTimeout });
    };
    let loadProfile: SizeResult['loadProfile'] = null;
    await phase('load', async () => {
      const optionsCdp = config.profile ? await (context as BrowserContext).newCDPSession(options) : null;
      const session = optionsCdp ? await attachToServiceWorker(optionsCdp, worker.url()) : null;
      if (!session) return loadPanel();
      try {
        const { hot, totalMs } = await profiled(session, loadPanel);
        loadProfile = { busyMs: totalMs, hot };
      } finally {
        await session.detach();
        await optionsCdp?.detach();
      }
    });
    // The frame may have been re-created while loading: the one showing the panel now.
    frame = await panelFrameOf(page, 10_000);
    const panelFrame: Frame = frame;
    const hasProbe = await panelFrame.evaluate(() =>
      Boolean((window as unknown as Partial<ProbeWindow>).__patrolBench),
    );
    if (!hasProbe) {
      log('  the init script did not reach the panel frame: probe evaluated after load');
      await panelFrame.evaluate(probeIfMissing(frameOptions));
    }
    const hostState = await probe(page).state();
    const state = await probe(panelFrame).state();
    if (hostState.hostSeen === null || state.loadDone === null)
      throw new Error('the probe missed the panel load');
    // Epoch ms: the frame and the page each have their own time origin.
    const hostSeenAt = hostState.timeOrigin + hostState.hostSeen;
    const loadExchanges = fake.requests.slice(from).filter((ex) => ex.site === 'rest');
    const lists = loadExchanges.filter(isList);
    const firstList = lists[0];
    const lastList = lists.at(-1);
    const loadedAt = state.timeOrigin + state.loadDone;
    const load: SizeResult['load'] = {
      wallMs: round(loadedAt - hostSeenAt),
      navigationToLoadedMs: round(loadedAt - hostState.timeOrigin),
      networkSpanMs:
        firstList && lastList ? lastList.time + lastList.durationMs - firstList.time : Number.NaN,
      afterNetworkMs: lastList ? round(loadedAt - (lastList.time + lastList.durationMs)) : Number.NaN,
      listRequests: lists.length,
      authRequests: loadExchanges.filter(isAuth).length,
      otherRequests: loadExchanges.length - lists.length - loadExchanges.filter(isAuth).length,
      floorListRequests: pages,
      floorAuthRequests: 2,
      sequentialFloorMs: pages * config.latencyMs,
      perPage: perPage(lists),
      designFloor: designFloorMs(pages, config.latencyMs),
    };
    log(
      `  loaded ${total} in ${(load.wallMs / 1000).toFixed(1)} s with ${load.listRequests} list requests (floor ${pages})`,
    );

    // --- Refresh with nothing changed: conditional requests, answered 304 at no rate-limit cost.
    const refresh = await phase('refresh', () => refreshUnchanged(options, fake, total));
    log(
      `  refresh of the unchanged org: ${refresh.notModified} of ${refresh.listRequests} list requests answered 304, ${refresh.pointsSpent} rate-limit points spent`,
    );

    // --- Rows and heap after load.
    await page.waitForTimeout(500);
    const rowsAfterLoad = await probe(panelFrame).rows();
    // The panel's heap: the frame's own renderer (its target), not GitHub's page.
    const cdp: CDPSession = await frameSession(context, page, panelFrame, log);
    const heapPage = await pageHeap(cdp);
    // The content script (GitHub's page, isolated world PATrol) writes the query to the hash.
    const pageCdp: CDPSession = await context.newCDPSession(page);
    await evaluateInWorld(pageCdp, 'PATrol', REPLACE_STATE_PROBE).catch((error: unknown) =>
      log(`  replaceState probe unavailable: ${String(error)}`),
    );
    const heapWorker = await serviceWorkerHeap(pageCdp, worker.url()).catch((error: unknown) => {
      log(`  service worker heap unavailable: ${String(error)}`);
      return null;
    });

    // --- Filtering.
    const panel = panelFrame.getByRole('region', { name: 'PATrol' });
    const box = panel.getByRole('textbox', { name: 'Filter tokens' });
    // The panel frame's renderer and GitHub page's (which the keys reach first).
    const typing = () =>
      withCpuSlowdown([cdp, pageCdp], config.cpuSlowdown, () =>
        typeQueries(page, panelFrame, box, filterQueries(topOwner), 30_000 + size, log, page),
      );
    let filterProfile: SizeResult['filterProfile'] = null;
    const filter = await phase('filter', async () => {
      if (!config.profile) return typing();
      const { result, hot, totalMs } = await profiled(cdp, typing);
      filterProfile = { busyMs: totalMs, hot };
      return result;
    });
    log(`  filter keystroke→DOM p50 ${filter.toDom.p50} ms, p95 ${filter.toDom.p95} ms${stolenNote(filter)}`);
    const heapAfterFiltering = await pageHeap(cdp);

    // --- Audit CSV without repository fetches: the tokens that are not `subset`.
    const status = panel.getByRole('status').filter({ hasText: 'tokens' });
    const exportButton = panel.getByRole('button', { name: /^Export [\d,]+ (selected|matching)$/ });
    const without = grants.filter((g) => g.repository_selection !== 'subset').length;
    await box.fill('-access:selected');
    await status.filter({ hasText: `${count(without)} of ${count(total)} tokens` }).waitFor();
    await panel.getByRole('checkbox', { name: 'Select all matching' }).check();
    await status.filter({ hasText: `${count(without)} selected` }).waitFor();
    let mark = fake.requests.length;
    const csvWithout = await phase('csv-without', () => exportCsv(page, panelFrame, exportButton, 120_000));
    const withoutRun: CsvRun = {
      rows: without,
      ...csvWithout,
      repositoryRequests: fake.requests.slice(mark).filter(isRepositories).length,
    };
    log(`  CSV of ${without} rows without repository fetches: ${withoutRun.ms} ms`);
    await panel.getByRole('button', { name: 'Clear selection' }).click();
    await box.fill('');
    await status
      .filter({ hasText: `${count(total)} of ${count(total)} tokens` })
      .first()
      .waitFor();

    // --- Audit CSV of every token: every `subset` token's repositories are fetched first.
    let withRun: CsvRun | { skipped: string };
    let againRun: CsvRun | { skipped: string } = { skipped: 'needs the export with repositories first' };
    if (subsetTokens > config.csvReposMax) {
      withRun = {
        skipped: `${subsetTokens} subset tokens > csv-repos-max ${config.csvReposMax}: ≥${subsetTokens} repository requests, ≥${Math.round((Math.ceil(subsetTokens / 4) * config.latencyMs) / 1000)} s at 4 in flight`,
      };
    } else {
      mark = fake.requests.length;
      const timeout = 120_000 + Math.ceil(subsetTokens / 4) * (config.latencyMs + 100) * 3;
      const run = await phase('csv-with', () => exportCsv(page, panelFrame, exportButton, timeout));
      withRun = {
        rows: total,
        ...run,
        repositoryRequests: fake.requests.slice(mark).filter(isRepositories).length,
      };
      log(`  CSV of ${total} rows with repositories: ${(run.ms / 1000).toFixed(1)} s`);
      // The same export again: every list is now in the panel, so nothing is fetched.
      mark = fake.requests.length;
      const again = await phase('csv-again', () => exportCsv(page, panelFrame, exportButton, 120_000));
      againRun = {
        rows: total,
        ...again,
        repositoryRequests: fake.requests.slice(mark).filter(isRepositories).length,
      };
      log(`  CSV of ${total} rows, repositories already in the panel: ${againRun.ms} ms`);
    }

    // --- The popup over the cached org (the worker's IndexedDB cache).
    let popup: SizeResult['popup'] = null;
    if (config.popup) {
      popup = await phase('popup', async () => {
        const open = await popupOpen(context as BrowserContext, extensionId, 'deploy', 5);
        log(
          `  popup open → first result p50 ${open.firstResult.p50} ms (max ${open.firstResult.max}); first results ${open.allCorrect ? 'all' : 'NOT all'} the settled ones`,
        );
        log(
          `  popup open phases p50 (ms from navigation): box ${open.box.p50}, ${Object.entries(open.phases)
            .map(([name, ms]) => `${name.replace('patrol:popup:', '')} ${ms}`)
            .join(', ')}`,
        );
        const tab = await (context as BrowserContext).newPage();
        await tab.addInitScript(probeScript({ host: null, loadedText: null, rowSelector: '[role=option]' }));
        const started = performance.now();
        await tab.goto(`chrome-extension://${extensionId}/popup.html`);
        await tab.getByText(`Search ${count(total)} tokens`).waitFor({ timeout: 60_000 });
        const loadMs = round(performance.now() - started);
        const box2 = tab.getByRole('textbox', { name: 'Search tokens' });
        const tabCdp = await (context as BrowserContext).newCDPSession(tab);
        const figures = await withCpuSlowdown([tabCdp], config.cpuSlowdown, () =>
          typeQueries(tab, tab, box2, popupQueries(topOwner), 30_000, log),
        );
        await tabCdp.detach().catch(() => undefined);
        await tab.close();
        log(
          `  popup keystroke→DOM p50 ${figures.toDom.p50} ms, p95 ${figures.toDom.p95} ms${stolenNote(figures)}`,
        );
        return { ...figures, loadMs, open };
      });
    }

    // --- Revoke every grant, from an extension page (the panel closed so it does not reload).
    let revoke: RevokeRun | { skipped: string };
    await cdp.detach().catch(() => undefined);
    await pageCdp.detach().catch(() => undefined);
    await page.close();
    if (total > config.revokeMax) {
      revoke = {
        skipped: `${total} > revoke-max ${config.revokeMax}: ${Math.ceil(total / 100)} POSTs ≥ ${Math.ceil(total / 100) - 1} s at 1 write/s`,
      };
    } else {
      revoke = await phase('revoke', () => revokeAll(options, fake, config.latencyMs, log));
      if (!('skipped' in revoke))
        log(
          `  revoked ${revoke.revoked} of ${revoke.tokens} with ${revoke.posts} POSTs in ${(revoke.wallMs / 1000).toFixed(1)} s`,
        );
    }

    return {
      size,
      grants: total,
      subsetTokens,
      load,
      refresh,
      rows: { afterLoad: rowsAfterLoad, maxWhileFiltering: filter.maxRows },
      heap: { page: heapPage, pageAfterFiltering: heapAfterFiltering, serviceWorker: heapWorker },
      filter,
      csv: { withoutRepositories: withoutRun, withRepositories: withRun, allFetchedAlready: againRun },
      revoke,
      popup,
      loadProfile,
      filterProfile,
      timings,
    };
  } finally {
    await context?.close().catch(() => undefined);
    await fake.close().catch(() => undefined);
    removeTempDir(userDataDir);
  }
}
