// @vitest-environment node
// docs/patrol-audit.yml, the scheduled workflow the README offers, parsed as GitHub Actions
// would read it, and its commands run against the fake GitHub for every org of its matrix:
// the CSV is written for the artifact, the summary reaches $GITHUB_STEP_SUMMARY, --fail-on
// gates the job, and `npx patrol` resolves to this package's command.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, useCli } from './harness';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { schedule: { cron: string }[] };
  jobs: Record<
    string,
    { strategy: { matrix: { org: string[] } }; env: Record<string, string>; steps: Step[] }
  >;
}

const workflow = load(readFileSync(join(ROOT, 'docs/patrol-audit.yml'), 'utf8')) as Workflow;
const job = Object.values(workflow.jobs)[0];
if (!job) throw new Error('docs/patrol-audit.yml has no job');
const orgs = job.strategy.matrix.org;

const cli = useCli({ orgs: Object.fromEntries(orgs.map((org, i) => [org, { grants: 60, seed: 100 + i }])) });
const exec = promisify(execFile);

/** `${{ … }}` as Actions would expand it here: the matrix, variables, secrets, `a || 'b'`. */
function expand(text: string, org: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    for (const alternative of expression.split('||').map((part) => part.trim())) {
      if (alternative === 'matrix.org') return org;
      const named = /^(?:vars|secrets)\.(\w+)$/.exec(alternative);
      if (named?.[1] && values[named[1]]) return values[named[1]] as string;
      const literal = /^'(.*)'$/.exec(alternative);
      if (literal) return literal[1] as string;
    }
    return '';
  });
}

describe('the scheduled workflow in docs/', () => {
  it('runs weekly over a matrix of orgs with the App key from secrets and uploads the reports', () => {
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(orgs.length).toBeGreaterThan(1);
    expect(job.env.PATROL_PRIVATE_KEY).toMatch(/^\$\{\{\s*secrets\.PATROL_PRIVATE_KEY\s*\}\}$/);
    const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('always()');
    expect(
      job.steps.some((step) => step.run?.includes('$GITHUB_STEP_SUMMARY') && step.if === 'always()'),
    ).toBe(true);
  });

  it('is the workflow the README shows, verbatim', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(
      `\`\`\`yaml\n${readFileSync(join(ROOT, 'docs/patrol-audit.yml'), 'utf8')}\`\`\``,
    );
  });

  it('runs its commands against the fake for every org: CSV kept, summary written, --fail-on gating', async () => {
    const key = readFileSync(cli.env.PATROL_PRIVATE_KEY_FILE as string, 'utf8');
    const values = {
      PATROL_APP_ID: cli.env.PATROL_APP_ID as string,
      PATROL_PRIVATE_KEY: key,
      PATROL_API_URL: cli.env.PATROL_API_URL as string,
    };
    for (const org of orgs) {
      const workdir = join(cli.dir, `job-${org}`);
      mkdirSync(workdir, { recursive: true });
      const summary = join(workdir, 'step-summary.md');
      const env: Record<string, string> = {
        GITHUB_STEP_SUMMARY: summary,
        NODE_EXTRA_CA_CERTS: cli.env.NODE_EXTRA_CA_CERTS as string,
      };
      for (const [name, value] of Object.entries(job.env)) env[name] = expand(value, org, values);
      let failed = false;
      let auditCode: number | null = null;
      for (const step of job.steps) {
        if (failed && step.if !== 'always()') continue;
        if (step.uses?.startsWith('actions/upload-artifact@')) {
          const path = expand(String(step.with?.path), org, values);
          expect(readdirSync(join(workdir, path))).toContain(
            `${org}-tokens-${new Date().toISOString().slice(0, 10)}.csv`,
          );
          continue;
        }
        if (!step.run || step.run.trim() === 'npm ci') continue;
        // `npx patrol` is this package's bin (checked below); here, the built file itself.
        const script = expand(step.run, org, values).replace(
          /\bnpx patrol\b/g,
          `node ${JSON.stringify(cli.bin)}`,
        );
        const code = await exec('bash', ['-e', '-c', script], {
          cwd: workdir,
          env: { PATH: process.env.PATH ?? '', ...env },
        })
          .then(() => 0)
          .catch((error: { code?: number; stderr?: string }) => {
            expect(error.stderr ?? '').not.toMatch(/\n\s+at /);
            return error.code ?? -1;
          });
        if (step.run.includes('patrol audit')) auditCode = code;
        if (code !== 0) failed = true;
      }
      const written = readFileSync(summary, 'utf8');
      expect(written).toContain(`## PATrol audit of ${org}`);
      const matches = Number(/### (\d+) tokens match --fail-on/.exec(written)?.[1]);
      expect(auditCode).toBe(matches > 0 ? 1 : 0);
    }
  }, 60_000);

  it('`npx patrol` runs this package’s command after npm install', async () => {
    const { stdout } = await exec('npx', ['--offline', 'patrol', 'audit', '--help'], { cwd: ROOT });
    expect(stdout).toContain('Usage: patrol audit');
  });
});
