// Markdown for $GITHUB_STEP_SUMMARY. Token names and logins are hostile text: hidden
// characters are shown as their code points (lib/text.ts), and everything Markdown or HTML
// would read as syntax is escaped, so a name cannot add a link, an image or a table cell.
import { invisibleCharacters } from '../text';

// Emphasis, code, links, HTML and table syntax; `:`, `.` and `@` so that GFM's autolinks
// (http://…, www.…, user@host) do not turn a token name into a link.
const SYNTAX = /[\\`*_[\]<>|~&":.@]/g;
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/** Text safe inside a Markdown table cell. */
export function mdText(text: string): string {
  let shown = text;
  for (const code of invisibleCharacters(text)) {
    const char = String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    shown = shown.split(char).join(`⟦${code}⟧`);
  }
  return shown.replace(SYNTAX, (ch) => ENTITIES[ch] ?? `\\${ch}`);
}

/** A query shown as code; backticks in it would end the span, so a longer fence is used. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const flat = text.replace(/[\r\n|]/g, ' ');
  const pad = /^`|`$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export function mdTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: ReadonlySet<number> = new Set(),
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, i) => (right.has(i) ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

export const count = (n: number): string => n.toLocaleString('en-US');
