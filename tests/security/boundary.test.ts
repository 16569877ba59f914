// @vitest-environment node
// The credential boundary, checked on the import graph: nothing a content script, the
// popup, the options page or a component loads may reach the GitHub client or the
// credential code, directly or through another module. Biome's lint rule catches direct
// imports; this follows every transitive one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FORBIDDEN_MODULES = [/^@octokit\//, /^universal-github-app-jwt/];
const FORBIDDEN_FILES = [/^lib\/worker\//, /^lib\/github\//];

function resolveLocal(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const IMPORT =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every file and bare module reachable from an entry, with the chain that reached it. */
function importGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      // Type-only imports vanish from the bundle; they cannot carry code across.
      if (/^(import|export)\s+type\s/.test(match[0])) continue;
      const specifier = match[1] ?? match[2] ?? '';
      const chain = [...(seen.get(file) ?? []), specifier];
      if (!specifier.startsWith('.')) {
        if (!seen.has(specifier)) seen.set(specifier, chain);
        continue;
      }
      const target = resolveLocal(file, specifier);
      if (target && !seen.has(target)) {
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

function violations(entry: string): string[] {
  const out: string[] = [];
  for (const [node, chain] of importGraph(entry)) {
    const name = node.startsWith('/') ? relative(ROOT, node) : node;
    if ([...FORBIDDEN_MODULES, ...FORBIDDEN_FILES].some((pattern) => pattern.test(name)))
      out.push(chain.join(' → '));
  }
  return out;
}

describe('credential boundary', () => {
  const entries = uiEntries();

  it('finds the UI entry points it guards', () => {
    const names = entries.map((entry) => relative(ROOT, entry));
    expect(names.some((name) => name.startsWith('entrypoints/active-tokens.content'))).toBe(true);
    expect(names.some((name) => name.startsWith('entrypoints/options'))).toBe(true);
    expect(names.some((name) => name.startsWith('components/'))).toBe(true);
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
