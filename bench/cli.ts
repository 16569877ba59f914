// The command line's figures (issue 16, item 5): `patrol audit` of N grants against the fake
// GitHub at the bench's latency per request, timed from the process's start to its exit (Node's
// start-up, App auth and the Markdown summary included), with the child's peak resident memory.
// Compared with the extension's load time of the same size from the same bench run.
//   Standalone: npx tsx bench/cli.ts [--sizes=10000,50000] [--latency=150]
// Wired into bench/run.ts: `const cli = await runCliBench(config, log)` after the browser sizes,
// then `cliVerdicts(cli, sizes)` with the other checks and `cli` in results.json.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCli } from '../build/cli.ts';
import type { Exchange } from '../tests/fake-github/server.ts';
import { startFakeGitHub } from '../tests/fake-github/server.ts';
import { type BenchConfig, readConfig } from './config.ts';
import { ORG } from './node-bench.ts';
import type { Verdict } from './report.ts';
import { round } from './stats.ts';

export interface CliBenchResult {
  grants: number;
  latencyMs: number;
  /** Process start to exit. */
  wallMs: number;
  listRequests: number;
  otherRequests: number;
  /** Peak resident set size of the `patrol` process. */
  maxRssMb: number;
  /** CPU time the `patrol` process used (user + system). */
  cpuMs: number;
  exitCode: number | null;
}

const isList = (ex: Exchange) =>
  ex.method === 'GET' && ex.site === 'rest' && /\/personal-access-tokens(\?|$)/.test(ex.restPath ?? '');

/** Written before the CLI loads: reports the process's peak memory on exit, on fd 2. */
const RSS_PRELOAD = `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, '\\nPATROL_BENCH_MAXRSS_KB=' + u.maxRSS + ' CPU_MS=' + Math.round((u.userCPUTime + u.systemCPUTime) / 1000) + '\\n'); });\n`;

async function benchSize(
  size: number,
  latencyMs: number,
  bin: string,
  preload: string,
  seed: number,
): Promise<CliBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'patrol-cli-bench-'));
  const fake = await startFakeGitHub({ rateLimit: 1_000_000_000, logBodies: false });
  try {
    fake.seedOrg(ORG, { grants: size, seed });
    writeFileSync(join(dir, 'ca.pem'), fake.cert);
    writeFileSync(join(dir, 'key.pem'), fake.app.privateKeyPkcs1);
    fake.faults.latencyMs = latencyMs;
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
      PATROL_APP_ID: fake.app.clientId,
      PATROL_PRIVATE_KEY_FILE: join(dir, 'key.pem'),
      PATROL_API_URL: `${fake.origin}/api/v3`,
    };
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--require', preload, bin, 'audit', '--org', ORG, '--format', 'md'],
      {
        cwd: dir,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exitCode = await new Promise<number | null>((done) => child.on('close', done));
    const wallMs = performance.now() - started;
    const rssKb = Number(/PATROL_BENCH_MAXRSS_KB=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
    if (exitCode !== 0) throw new Error(`patrol audit exited ${exitCode}: ${stderr.trim().split('\n')[0]}`);
    const rest = fake.requests.filter((ex) => ex.site === 'rest');
    return {
      grants: fake.liveGrants(ORG).length,
      latencyMs,
      wallMs: round(wallMs),
      listRequests: rest.filter(isList).length,
      otherRequests: rest.filter((ex) => !isList(ex)).length,
      maxRssMb: round(rssKb / 1024, 1),
      cpuMs: Number(/CPU_MS=(\d+)/.exec(stderr)?.[1] ?? Number.NaN),
      exitCode,
    };
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runCliBench(
  config: BenchConfig,
  log: (line: string) => void,
): Promise<CliBenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'patrol-cli-build-'));
  try {
    const bin = await buildCli(join(dir, 'patrol.mjs'));
    const preload = join(dir, 'rss.cjs');
    writeFileSync(preload, RSS_PRELOAD);
    const results: CliBenchResult[] = [];
    for (const size of config.sizes) {
      const result = await benchSize(size, config.latencyMs, bin, preload, config.seed);
      log(
        `  patrol audit of ${result.grants}: ${(result.wallMs / 1000).toFixed(1)} s, ${result.listRequests} list requests, peak ${result.maxRssMb} MB`,
      );
      results.push(result);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Item 5's budgets: within 1.1× of the extension's load at 10,000; under 200 MB at 50,000. */
export function cliVerdicts(
  cli: readonly CliBenchResult[],
  extension: readonly { grants: number; load: { wallMs: number } }[],
): Verdict[] {
  const checks: Verdict[] = [];
  for (const run of cli) {
    const panel = extension.find((size) => size.grants === run.grants);
    if (panel && run.grants >= 10_000 && run.grants < 50_000) {
      const ratio = round(run.wallMs / panel.load.wallMs, 2);
      checks.push({
        budget: "patrol audit ≤ 1.1× the extension's load",
        subject: `${run.grants} grants (extension ${panel.load.wallMs} ms)`,
        value: `${ratio}×`,
        met: ratio <= 1.1,
      });
    }
    if (run.grants >= 50_000) {
      checks.push({
        budget: 'patrol audit peak memory ≤ 200 MB',
        subject: `${run.grants} grants`,
        value: `${run.maxRssMb} MB`,
        met: run.maxRssMb <= 200,
      });
    }
  }
  return checks;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const config = readConfig(process.argv.slice(2), process.env);
  const results = await runCliBench(config, (line) => console.error(line));
  console.log(JSON.stringify(results, null, 2));
}
