// Runs the built `patrol` as a child process against the fake GitHub, as a user or a CI job
// would: the fake serves GHES at https://127.0.0.1:PORT/api/v3 (or, with `host: 'github.com'`,
// github.com at https://api.github.com:PORT through resolve-to-loopback.mjs), its certificate is
// trusted through NODE_EXTRA_CA_CERTS, and the App's key is read from a file.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type FakeGitHub, type FakeOptions, startFakeGitHub } from '../fake-github/server.ts';

const ROOT = join(import.meta.dirname, '../..');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  fake: FakeGitHub;
  /** A scratch directory for this file: outputs, journals. */
  dir: string;
  /** The built command line. */
  bin: string;
  env: Record<string, string>;
  start(
    args: readonly string[],
    opts?: { cwd?: string; env?: Record<string, string> },
  ): { child: ChildProcess; done: Promise<CliRun> };
  run(args: readonly string[], opts?: { cwd?: string; env?: Record<string, string> }): Promise<CliRun>;
}

/** One fake and one build of the command line for the test file. */
export function useCli(
  options: FakeOptions,
  where: { host: 'ghes' | 'github.com' } = { host: 'ghes' },
): CliHarness {
  const harness = {} as CliHarness;
  beforeAll(async () => {
    harness.dir = mkdtempSync(join(tmpdir(), 'patrol-cli-'));
    harness.bin = join(harness.dir, 'patrol.mjs');
    // The package's own build (build/cli.ts), into this file's scratch directory.
    const { buildCli } = await import('../../build/cli.ts');
    await buildCli(harness.bin);
    harness.fake = await startFakeGitHub(options);
    const cert = join(harness.dir, 'fake-ca.pem');
    const key = join(harness.dir, 'app-key.pem');
    writeFileSync(cert, harness.fake.cert);
    writeFileSync(key, harness.fake.app.privateKeyPkcs1);
    harness.env = {
      PATH: process.env.PATH ?? '',
      HOME: harness.dir,
      NODE_EXTRA_CA_CERTS: cert,
      PATROL_APP_ID: harness.fake.app.clientId,
      PATROL_PRIVATE_KEY_FILE: key,
      PATROL_API_URL: `${harness.fake.origin}/api/v3`,
    };
    if (where.host === 'github.com') {
      const port = new URL(harness.fake.origin).port;
      harness.env.PATROL_API_URL = `https://api.github.com:${port}`;
      harness.env.NODE_OPTIONS = `--import=${join(import.meta.dirname, 'resolve-to-loopback.mjs')}`;
    }
    harness.start = (args, opts = {}) => {
      const child = spawn(process.execPath, [harness.bin, ...args], {
        cwd: opts.cwd ?? harness.dir,
        env: { ...harness.env, ...opts.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      const done = new Promise<CliRun>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
      });
      return { child, done };
    };
    harness.run = (args, opts) => harness.start(args, opts).done;
  }, 60_000);
  afterAll(async () => {
    await harness.fake?.close();
    if (harness.dir) rmSync(harness.dir, { recursive: true, force: true });
  });
  return harness;
}

export { ROOT };
