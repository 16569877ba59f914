// GitHub's colour themes for the panel page, cut down at build time. The panel runs in an
// extension frame, where github.com's own CSS variables do not reach, so it ships Primer's
// (@primer/primitives, the same files github.com uses, keyed by the same <html> attributes)
// but only the variables the panel's stylesheet uses: its 14 themes whole are 1.7 MB.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

export const PRIMER_THEMES_ID = 'virtual:primer-themes.css';
const RESOLVED = `\0${PRIMER_THEMES_ID}`;

/** Every `var(--name` a stylesheet reads. */
export function usedVariables(css: string): Set<string> {
  return new Set([...css.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1] as string));
}

/**
 * One theme file with only the `wanted` custom properties left in each rule (its media
 * query for `auto` mode included), plus the colour scheme native controls should use.
 */
export function extractTheme(css: string, wanted: ReadonlySet<string>, scheme: 'light' | 'dark'): string {
  const out: string[] = [];
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
  // Rules are `selectors { declarations }`, some inside `@media (...) { ... }`.
  const rule = /(@media[^{]+\{)?\s*([^{}@]+)\{([^{}]*)\}\s*(\})?/g;
  for (const [, media, selectors, body] of plain.matchAll(rule)) {
    const values = new Map(
      [...(body ?? '').matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [
        name as string,
        (value as string).trim(),
      ]),
    );
    // A kept value may read other variables of the theme: keep those too.
    const keep = new Set([...wanted].filter((name) => values.has(name)));
    for (const name of keep) {
      for (const ref of usedVariables(values.get(name) ?? '')) if (values.has(ref)) keep.add(ref);
    }
    const kept = [...keep].map((name) => `${name}:${values.get(name)};`);
    if (kept.length === 0) continue;
    const block = `${(selectors ?? '').trim()}{color-scheme:${scheme};${kept.join('')}}`;
    out.push(media ? `${media.trim()}${block}}` : block);
  }
  return out.join('\n');
}

/** The themes, cut to the variables any of `stylesheets` reads (the panel, popup and options pages). */
export function primerThemes(stylesheets: string | readonly string[]): Plugin {
  const sheets = typeof stylesheets === 'string' ? [stylesheets] : stylesheets;
  const require = createRequire(import.meta.url);
  return {
    name: 'patrol-primer-themes',
    resolveId: (id) => (id === PRIMER_THEMES_ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      for (const sheet of sheets) this.addWatchFile(sheet);
      const wanted = new Set(sheets.flatMap((sheet) => [...usedVariables(readFileSync(sheet, 'utf8'))]));
      const dir = require
        .resolve('@primer/primitives/dist/css/functional/themes/light.css')
        .replace(/light\.css$/, '');
      return readdirSync(dir)
        .filter((file) => file.endsWith('.css'))
        .sort()
        .map((file) =>
          extractTheme(
            readFileSync(`${dir}${file}`, 'utf8'),
            wanted,
            file.startsWith('dark') ? 'dark' : 'light',
          ),
        )
        .join('\n');
    },
  };
}
