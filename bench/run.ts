// `npm run bench` (after `wxt build`): PATrol's benchmarks. See bench/README.md.
// Exits non-zero only when the harness itself fails, never because a budget is over.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { configure, runSize, type SizeResult } from './browser.ts';
import { bundleSizes } from './bundle.ts';
import { cliVerdicts, runCliBench } from './cli.ts';
import { readConfig } from './config.ts';
import { type CpuRuleRun, runCpuRule } from './http-rules.ts';
import { snapshotBuild } from './launch.ts';
import { benchAuditCsv, benchCacheRead, benchPopupSearch, nodeFixture } from './node-bench.ts';
import { type NodeResults, render, type SizeFailure, verdicts } from './report.ts';

const log = (message: string) => console.error(message);
const config = readConfig(process.argv.slice(2), process.env);
const OUTPUT = resolve('.output/chrome-mv3');
if (!existsSync(join(OUTPUT, 'manifest.json'))) {
  console.error('No production build in .output/chrome-mv3: run `npm run bench` (it builds first).');
  process.exit(2);
}

function chromiumVersion(): string {
  try {
    return execFileSync('/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

function installedVersion(name: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? null;
  } catch {
    return null;
  }
}

function packages(): Record<string, string | null> {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const names = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];
  return {
    patrol: manifest.version,
    ...Object.fromEntries(names.sort().map((name) => [name, installedVersion(name)])),
  };
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const started = new Date();
// The commit the build came from; `dirty` lists changed files outside bench/ (they are in the build).
const source = {
  commit: git(['rev-parse', '--short', 'HEAD']),
  dirty: (git(['status', '--porcelain']) ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.slice(3).startsWith('bench/')),
};
const cpuList = cpus();
const machine = {
  os: `${type()} ${release()} (${platform()} ${arch()})`,
  cpus: { count: cpuList.length, model: cpuList[0]?.model ?? 'unknown' },
  memoryBytes: totalmem(),
  node: process.version,
  chromium: chromiumVersion(),
  /** 1/5/15-minute load averages: other work on the machine skews every figure. */
  loadavgAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
};
log(
  `PATrol bench: sizes ${config.sizes.join(', ')}; ${config.latencyMs} ms per REST request${config.cpuSlowdown > 1 ? `; keystrokes typed with the CPU ${config.cpuSlowdown}× slower` : ''}; ${machine.chromium}`,
);

let harnessFailed = false;
// Pure figures first: they need no browser and are quick.
log('Node: auditCsv and popup search…');
const fixture50k = nodeFixture(50_000, config.seed);
const fixture10k = nodeFixture(10_000, config.seed);
const node: NodeResults = {
  auditCsv: benchAuditCsv(fixture10k, 10_000),
  popupSearch: [benchPopupSearch(fixture10k), benchPopupSearch(fixture50k)],
  cacheRead: benchCacheRead(fixture50k),
};
// Message and storage sizes of the real worker (bench/messages.ts), before any browser starts.
log('Node: message and storage sizes (bench/messages.ts)…');
let messages: unknown = null;
try {
  execFileSync('npx', ['vitest', 'run', '--config', 'bench/vitest.config.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  messages = JSON.parse(readFileSync('bench/messages.json', 'utf8'));
  log(JSON.stringify(messages, null, 2));
} catch (error) {
  harnessFailed = true;
  log(`  FAILED: ${(error as Error).message}`);
}
const build = snapshotBuild(OUTPUT);
// Exit (and so remove the temporary profiles and the build copy) on Ctrl-C too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
const bundles = bundleSizes(build);

const sizes: SizeResult[] = [];
const failures: SizeFailure[] = [];
for (const size of config.sizes) {
  log(`${size.toLocaleString('en-US')} grants: fresh fake GitHub, fresh Chromium profile…`);
  const t = Date.now();
  try {
    sizes.push(await runSize(size, config, build, log));
    log(`  done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  } catch (error) {
    harnessFailed = true;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ size, error: message.split('\n')[0] ?? message });
    log(`  FAILED: ${message}`);
  }
}

let cpuRun: CpuRuleRun | { failed: string } | null = null;
if (config.cpuRule) {
  const { grants, latencyMs } = config.cpuRule;
  log(`${grants.toLocaleString('en-US')} grants at ${latencyMs} ms against GitHub's CPU-time rule…`);
  try {
    cpuRun = await runCpuRule(grants, latencyMs, config, build, configure, log);
  } catch (error) {
    harnessFailed = true;
    cpuRun = { failed: error instanceof Error ? error.message : String(error) };
    log(`  FAILED: ${cpuRun.failed}`);
  }
}

// The command line over the same sizes, right after the extension's loads (bench/cli.ts).
if (config.cli) log('Command line: patrol audit…');
const cli = config.cli ? await runCliBench(config, log) : [];
const checks = [...verdicts(sizes, node, bundles, config.cpuSlowdown), ...cliVerdicts(cli, sizes)];
const loadavgAtEnd = loadavg().map((v) => Math.round(v * 100) / 100);
console.log(render(sizes, failures, node, bundles, checks, config.latencyMs));
for (const r of sizes)
  console.log(
    `refresh, ${r.grants} grants unchanged: ${r.refresh.notModified}/${r.refresh.listRequests} list requests answered 304, ${r.refresh.pointsSpent} rate-limit points spent, ${(r.refresh.wallMs / 1000).toFixed(1)} s`,
  );
if (cpuRun && 'wallMs' in cpuRun)
  console.log(
    `CPU-time rule (fake enforces 90 s per 60 s, 100 in flight): ${cpuRun.grants} grants at ${cpuRun.latencyMs} ms loaded in ${(cpuRun.wallMs / 1000).toFixed(1)} s; fastest the rule allows at 4 in flight ${(cpuRun.fastestMs / 1000).toFixed(1)} s (${cpuRun.ratio}×, goal ≤ 1.2×); at the fake's measured ${cpuRun.serverMeanMs} ms a page ${(cpuRun.fastestAtServerMs / 1000).toFixed(1)} s (${cpuRun.ratioAtServer}×); secondary-limit answers ${cpuRun.secondaryLimitResponses} (goal 0)`,
  );
const busiest = Math.max(...machine.loadavgAtStart, ...loadavgAtEnd);
if (busiest > machine.cpus.count)
  console.log(
    `\nNote: load average up to ${busiest} on ${machine.cpus.count} CPUs during the run: other work competed for the CPU.`,
  );
mkdirSync(dirname(config.out), { recursive: true });
writeFileSync(
  config.out,
  `${JSON.stringify(
    {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      config,
      source,
      machine: { ...machine, loadavgAtEnd },
      packages: packages(),
      budgets: checks,
      sizes,
      cpuRule: cpuRun,
      cli,
      failures,
      node,
      messages,
      bundles,
    },
    null,
    2,
  )}\n`,
);
log(`Results written to ${config.out}`);
process.exit(harnessFailed ? 1 : 0);
