// Benchmark settings: CLI flags win over environment variables, which win over defaults.
//   --latency=MS        BENCH_LATENCY_MS     fixed latency of every fake REST request (150)
//   --sizes=A,B         BENCH_SIZES          grant counts (1000,10000,50000)
//   --revoke-max=N      BENCH_REVOKE_MAX     revoke every grant only for sizes up to N (10000)
//   --csv-repos-max=N   BENCH_CSV_REPOS_MAX  export "with repositories" only when the org has at
//                                            most N `subset` tokens (6000)
//   --no-popup          BENCH_POPUP=0        skip the real popup page
//   --no-cli            BENCH_CLI=0          skip `patrol audit` (bench/cli.ts) after the sizes
//   --headed            BENCH_HEADED=1       show Chromium
//   --profile           BENCH_PROFILE=1      sample the page's CPU while the filter script runs
//   --out=PATH          BENCH_OUT            results file (bench/results.json)
//   --cpu-rule=N@MS     BENCH_CPU_RULE       a load of N grants at MS per request against GitHub's
//                                            CPU-time rule (30000@400; 0 skips it)
//   --cpu-slowdown=N    BENCH_CPU_SLOWDOWN   type the filter and popup scripts with the pages' CPU
//                                            N times slower (Chrome's throttling; 1: none), to see
//                                            the keystroke budgets' margin for a slower machine
import { resolve } from 'node:path';

export interface BenchConfig {
  latencyMs: number;
  sizes: number[];
  revokeMax: number;
  csvReposMax: number;
  popup: boolean;
  cli: boolean;
  headed: boolean;
  profile: boolean;
  out: string;
  seed: number;
  cpuRule: { grants: number; latencyMs: number } | null;
  cpuSlowdown: number;
}

function cpuRule(text: string): BenchConfig['cpuRule'] {
  if (text === '0' || text === '') return null;
  const match = /^(\d[\d_]*)@(\d+)$/.exec(text);
  if (!match) throw new Error(`cpu-rule: expected GRANTS@MS, got ${text}`);
  return { grants: int(match[1], 0, 'cpu-rule'), latencyMs: int(match[2], 0, 'cpu-rule') };
}

function flag(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = argv.find((arg) => arg.startsWith(prefix));
  return hit?.slice(prefix.length);
}

function int(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`${what}: not a whole number: ${text}`);
  return value;
}

export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BenchConfig {
  const sizesText = flag(argv, 'sizes') ?? env.BENCH_SIZES ?? '1000,10000,50000';
  const sizes = sizesText
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => int(part, 0, 'sizes'));
  if (sizes.length === 0 || sizes.some((size) => size < 1)) throw new Error(`sizes: ${sizesText}`);
  return {
    latencyMs: int(flag(argv, 'latency') ?? env.BENCH_LATENCY_MS, 150, 'latency'),
    sizes,
    revokeMax: int(flag(argv, 'revoke-max') ?? env.BENCH_REVOKE_MAX, 10_000, 'revoke-max'),
    csvReposMax: int(flag(argv, 'csv-repos-max') ?? env.BENCH_CSV_REPOS_MAX, 6_000, 'csv-repos-max'),
    popup: !argv.includes('--no-popup') && env.BENCH_POPUP !== '0',
    cli: !argv.includes('--no-cli') && env.BENCH_CLI !== '0',
    headed: argv.includes('--headed') || env.BENCH_HEADED === '1',
    profile: argv.includes('--profile') || env.BENCH_PROFILE === '1',
    out: resolve(flag(argv, 'out') ?? env.BENCH_OUT ?? 'bench/results.json'),
    seed: 2026,
    cpuRule: cpuRule(flag(argv, 'cpu-rule') ?? env.BENCH_CPU_RULE ?? '30000@400'),
    cpuSlowdown: Math.max(1, int(flag(argv, 'cpu-slowdown') ?? env.BENCH_CPU_SLOWDOWN, 1, 'cpu-slowdown')),
  };
}
