// @vitest-environment node
// The panel page's colours: Primer's themes cut down to what entrypoints/panel/style.css reads.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { extractTheme, usedVariables } from '../../build/primer-themes';

const require = createRequire(import.meta.url);
const DIR = require
  .resolve('@primer/primitives/dist/css/functional/themes/light.css')
  .replace(/light\.css$/, '');
const STYLE = readFileSync('entrypoints/panel/style.css', 'utf8');
const files = readdirSync(DIR).filter((file) => file.endsWith('.css'));

/** The variables style.css reads from GitHub (not its own --p-* or the page height). */
const fromGitHub = [...usedVariables(STYLE)].filter((name) => !/^--(p|patrol)-/.test(name));

describe('Primer themes for the panel frame', () => {
  it('reads at least the basic colours from GitHub', () => {
    expect(fromGitHub).toEqual(expect.arrayContaining(['--bgColor-default', '--fgColor-default']));
  });

  it.each(files)('%s defines every variable the panel reads, with its own value', (file) => {
    const source = readFileSync(`${DIR}${file}`, 'utf8');
    const scheme = file.startsWith('dark') ? 'dark' : 'light';
    const out = extractTheme(source, usedVariables(STYLE), scheme);
    const first = out.slice(0, out.indexOf('}') + 1); // the theme's main rule
    for (const name of fromGitHub) {
      // The value in Primer's own file, found with a plain search, not with the extractor.
      const value = source.match(new RegExp(`[\\s;{]${name}:\\s*([^;]+);`))?.[1]?.trim();
      if (value === undefined) continue; // an older name (--color-*) the CSS falls back from
      expect(first).toContain(`${name}:${value};`);
    }
    expect(first).toMatch(/^\[data-color-mode=/);
    expect(first).toContain(`color-scheme:${scheme};`);
    // `auto` follows the system's scheme through Primer's own media query.
    expect(out).toContain('@media (prefers-color-scheme');
    expect(out.length).toBeLessThan(source.length / 20);
  });

  it('keeps a variable that a kept value reads', () => {
    const css = '[data-color-mode="light"] { --a: var(--b); --b: #123456; --c: red; }';
    expect(extractTheme(css, new Set(['--a']), 'light')).toBe(
      '[data-color-mode="light"]{color-scheme:light;--a:var(--b);--b:#123456;}',
    );
  });
});
