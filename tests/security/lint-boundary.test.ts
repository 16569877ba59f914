// @vitest-environment node
// The Biome rule that keeps worker-only imports out of pages can fail: the real biome.json
// is run over planted files (in a scratch copy of the project's layout) that import the
// secret store, the credential code and the GitHub client every way a file can spell it:
// relative paths, WXT's aliases (@/, ~/, @@/, ~~/), dynamic import, re-export.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIOME = join(ROOT, 'node_modules/.bin/biome');

/** Every file a content script, the popup, options or a panel page is built from, today. */
function guardedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = posix.join(dir, name);
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) out.push(path);
    }
  };
  walk('components');
  walk('entrypoints');
  return out.filter((path) => !/^entrypoints\/background(?:\.|\/)/.test(path));
}

/** Imports of worker-only code as a file at `path` could write them; one a line. */
function plantedImports(path: string): string[] {
  const up = posix.relative(posix.dirname(path), '.') || '.';
  const rel = (target: string) => (up === '.' ? `./${target}` : `${up}/${target}`);
  return [
    `import { secretStores } from '${rel('lib/worker/secrets')}';`,
    `import { secretStores as s2 } from '@/lib/worker/secrets';`,
    `import * as credentials from '~/lib/worker/credentials';`,
    `import { createClient } from '@@/lib/github/client';`,
    `import * as grants from '~~/lib/github/grants';`,
    `import { createAppAuth } from '@octokit/auth-app';`,
    `import { Octokit } from '@octokit/rest';`,
    `export { encryptedStore } from '@/lib/worker/secrets';`,
    `export const later = () => import('${rel('lib/worker/credentials')}');`,
    `export const used = [secretStores, s2, credentials, createClient, grants, createAppAuth, Octokit];`,
  ];
}

let scratch = '';

/** Lints `files` (path → source) with the project's biome.json; the lines each rule flagged. */
function lint(files: Record<string, string>): Map<string, number[]> {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  copyFileSync(join(ROOT, 'biome.json'), join(scratch, 'biome.json'));
  writeFileSync(join(scratch, '.gitignore'), 'node_modules/\n');
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), source);
  }
  let output = '';
  try {
    output = execFileSync(BIOME, ['lint', '--reporter=json', '--max-diagnostics=none', '.'], {
      cwd: scratch,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    output = (error as { stdout: string }).stdout; // exit 1: diagnostics were found
  }
  const report = JSON.parse(output) as {
    diagnostics: { category: string; location: { path: string; start?: { line: number } } }[];
  };
  const flagged = new Map<string, number[]>();
  for (const d of report.diagnostics) {
    if (d.category !== 'lint/style/noRestrictedImports') continue;
    const path = d.location.path.split('\\').join('/');
    flagged.set(path, [...(flagged.get(path) ?? []), d.location.start?.line ?? 0]);
  }
  for (const lines of flagged.values()) lines.sort((a, b) => a - b);
  return flagged;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'patrol-lint-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Every import line of the planted file (the last line only uses them).
const importLines = (path: string) =>
  plantedImports(path)
    .slice(0, -1)
    .map((_line, i) => i + 1);

describe('the lint rule against worker-only imports', () => {
  const real = guardedFiles();
  const future = [
    'entrypoints/active-tokens.content/index.tsx',
    'entrypoints/active-tokens.content/deep/nested.ts',
    'entrypoints/evil.content.ts',
    'entrypoints/evil.content/index.ts',
    'entrypoints/panel/main.tsx',
    'entrypoints/panel.html.ts',
    'entrypoints/requests-panel/App.tsx',
    'entrypoints/popup/main.tsx',
    'entrypoints/options/main.tsx',
    'components/panel/Planted.tsx',
    'lib/planted.ts',
    'lib/filter/planted.ts',
  ];

  it('knows the guarded files it is checked against', () => {
    expect(real.some((path) => path.startsWith('entrypoints/active-tokens.content/'))).toBe(true);
    expect(real.some((path) => path.startsWith('components/'))).toBe(true);
  });

  it('flags every planted import in every page, content-script, component and shared-lib file', () => {
    const paths = [...new Set([...real, ...future])];
    const flagged = lint(
      Object.fromEntries(paths.map((path) => [path, `${plantedImports(path).join('\n')}\n`])),
    );
    for (const path of paths)
      expect({ path, lines: flagged.get(path) }).toEqual({ path, lines: importLines(path) });
  });

  it('flags nothing in the worker, which may import them', () => {
    const paths = ['entrypoints/background.ts', 'lib/worker/planted.ts', 'lib/github/planted.ts'];
    const flagged = lint(
      Object.fromEntries(paths.map((path) => [path, `${plantedImports(path).join('\n')}\n`])),
    );
    expect([...flagged.keys()]).toEqual([]);
    // The same files under a guarded path are flagged, so the silence above is the scope.
    const control = lint({
      'components/planted.ts': `${plantedImports('components/planted.ts').join('\n')}\n`,
    });
    expect(control.get('components/planted.ts')).toEqual(importLines('components/planted.ts'));
  });
});
