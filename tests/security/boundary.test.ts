// @vitest-environment node
// The credential boundary, checked on the import graph: nothing a content script, the
// popup, the options page or a component loads may reach the GitHub client or the
// credential code, directly or through another module. Biome's lint rule catches direct
// imports (lint-boundary.test.ts); this follows every transitive one, through relative
// paths and WXT's aliases (`@/`, `~/`, `@@/`, `~~/`, read from .wxt/tsconfig.json) alike.
// The built bundles are checked too (tests/e2e/bundle-boundary.spec.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FORBIDDEN_MODULES = [/^@octokit\//, /^universal-github-app-jwt/];
const FORBIDDEN_FILES = [/^lib\/worker\//, /^lib\/github\//];

/** Source files planted for a test, by absolute path; read before the disk. */
type Planted = ReadonlyMap<string, string>;

/** WXT's path aliases as [prefix, directory], longest prefix first (`@@/` before `@/`). */
function aliases(): [string, string][] {
  const path = join(ROOT, '.wxt/tsconfig.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm install\` (it runs wxt prepare).`);
  const config = JSON.parse(readFileSync(path, 'utf8')) as {
    compilerOptions?: { paths?: Record<string, string[]> };
  };
  const out: [string, string][] = [];
  for (const [key, [target] = []] of Object.entries(config.compilerOptions?.paths ?? {})) {
    if (!key.endsWith('/*') || !target?.endsWith('/*')) continue;
    out.push([key.slice(0, -1), resolve(dirname(path), target.slice(0, -1))]);
  }
  return out.sort((a, b) => b[0].length - a[0].length);
}

const ALIASES = aliases();

const isFile = (path: string, planted: Planted) =>
  planted.has(path) || (existsSync(path) && statSync(path).isFile());

/** A specifier as a file path when it is local (relative or an alias), else null. */
function resolveLocal(from: string, specifier: string, planted: Planted): string | null {
  let base: string | null = null;
  if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
  for (const [prefix, dir] of ALIASES) {
    if (base === null && specifier.startsWith(prefix)) base = resolve(dir, specifier.slice(prefix.length));
  }
  if (base === null) return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (isFile(candidate, planted)) return candidate;
  }
  // An alias or relative path that names nothing: report it rather than skip it.
  return base;
}

const IMPORT =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every file and bare module reachable from an entry, with the chain that reached it. */
function importGraph(entry: string, planted: Planted): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [relative(ROOT, entry)]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const source = planted.get(file) ?? (existsSync(file) ? readFileSync(file, 'utf8') : '');
    for (const match of source.matchAll(IMPORT)) {
      // Type-only imports vanish from the bundle; they cannot carry code across.
      if (/^(import|export)\s+type\s/.test(match[0])) continue;
      const specifier = match[1] ?? match[2] ?? '';
      const target = resolveLocal(file, specifier, planted);
      if (target === null) {
        if (!seen.has(specifier)) seen.set(specifier, [...(seen.get(file) ?? []), specifier]);
        continue;
      }
      if (!seen.has(target)) {
        seen.set(target, [...(seen.get(file) ?? []), relative(ROOT, target)]);
        queue.push(target);
      }
    }
  }
  return seen;
}

function uiEntries(): string[] {
  const entries: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) entries.push(path);
    }
  };
  walk(join(ROOT, 'components'));
  for (const name of readdirSync(join(ROOT, 'entrypoints'))) {
    if (name.startsWith('background')) continue;
    const path = join(ROOT, 'entrypoints', name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.tsx?$/.test(name)) entries.push(path);
  }
  return entries;
}

function violations(entry: string, planted: Planted = new Map()): string[] {
  const out: string[] = [];
  for (const [node, chain] of importGraph(entry, planted)) {
    const name = node.startsWith('/') ? relative(ROOT, node) : node;
    if ([...FORBIDDEN_MODULES, ...FORBIDDEN_FILES].some((pattern) => pattern.test(name)))
      out.push(chain.join(' → '));
  }
  return out;
}

describe('credential boundary', () => {
  const entries = uiEntries();

  it('finds the UI entry points it guards, and the aliases WXT defines', () => {
    const names = entries.map((entry) => relative(ROOT, entry));
    expect(names.some((name) => name.startsWith('entrypoints/active-tokens.content'))).toBe(true);
    expect(names.some((name) => name.startsWith('entrypoints/options'))).toBe(true);
    expect(names.some((name) => name.startsWith('components/'))).toBe(true);
    expect(ALIASES.map(([prefix]) => prefix).sort()).toEqual(['@/', '@@/', '~/', '~~/']);
  });

  it.each(entries.map((entry) => [relative(ROOT, entry), entry]))(
    '%s reaches no GitHub client or credential code',
    (_name, entry) => {
      expect(violations(entry)).toEqual([]);
    },
  );

  it('detects a violation through an intermediate module (the check can fail)', () => {
    // The worker entry does reach both; if this ever stops holding, the check is blind.
    const found = violations(join(ROOT, 'entrypoints/background.ts'));
    expect(found.some((chain) => chain.includes('lib/worker/credentials.ts'))).toBe(true);
    expect(found.some((chain) => chain.includes('@octokit/auth-app'))).toBe(true);
  });
});

describe('credential boundary on planted imports (the check can fail)', () => {
  const script = join(ROOT, 'entrypoints/planted.content/index.ts');
  const plant = (source: string, more: Record<string, string> = {}): string[] =>
    violations(
      script,
      new Map([
        [script, source],
        ...Object.entries(more).map(([path, text]) => [join(ROOT, path), text] as [string, string]),
      ]),
    );

  it.each([
    ['@ alias', "import { secretStores } from '@/lib/worker/secrets';", 'lib/worker/secrets.ts'],
    ['~ alias', "import * as c from '~/lib/worker/credentials';", 'lib/worker/credentials.ts'],
    ['@@ alias', "import { createClient } from '@@/lib/github/client';", 'lib/github/client.ts'],
    ['~~ alias', "import { listGrants } from '~~/lib/github/grants';", 'lib/github/grants.ts'],
    ['relative path', "import { secretStores } from '../../lib/worker/secrets';", 'lib/worker/secrets.ts'],
    ['dynamic import', "const s = () => import('@/lib/worker/secrets');", 'lib/worker/secrets.ts'],
    ['re-export', "export * from '~/lib/github/client';", 'lib/github/client.ts'],
    ['the App auth package', "import { createAppAuth } from '@octokit/auth-app';", '@octokit/auth-app'],
  ])('a content script importing through %s', (_how, source, reached) => {
    const found = plant(source);
    expect(found.some((chain) => chain.endsWith(reached))).toBe(true);
  });

  it('an alias import one module away, into a file that does not exist yet', () => {
    const found = plant("import { helper } from '@/lib/planted-helper';", {
      'lib/planted-helper.ts': "export { secretStores as helper } from './worker/planted-new-store';",
    });
    expect(found).toEqual([
      'entrypoints/planted.content/index.ts → lib/planted-helper.ts → lib/worker/planted-new-store',
    ]);
  });

  it('lets a type-only import through (it leaves nothing in the bundle)', () => {
    expect(plant("import type { SecretStore } from '@/lib/worker/secrets';")).toEqual([]);
  });
});
