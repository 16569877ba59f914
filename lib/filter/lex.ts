// Splits a query into whitespace-separated chunks, GitHub-search style: `-` negates,
// `"..."` groups words (also after `key:`), and a leading `word:` names a qualifier.
// Inside quotes, `\"` and `\\` stand for `"` and `\`; elsewhere a backslash is literal.

export interface Chunk {
  /** Whole chunk, `-` included; end is exclusive. */
  start: number;
  end: number;
  negated: boolean;
  /** Lower-case qualifier name, or null for a bare word or phrase. */
  key: string | null;
  /** Where the key starts (after any `-`). */
  keyStart: number;
  /** The value with quotes removed and escapes resolved. */
  value: string;
  /** Where the value starts in the input (after `key:`). */
  valueStart: number;
  quoted: boolean;
  /** Offset of a quote left open at the end of the input, or -1. */
  unclosedAt: number;
}

const KEY = /[A-Za-z_]+:/y;

export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || /\s/.test(ch);
}

export function lexQuery(input: string): Chunk[] {
  const chunks: Chunk[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    if (isSpace(input.charAt(i))) {
      i++;
      continue;
    }
    const start = i;
    const negated = input.charAt(i) === '-' && i + 1 < n && !isSpace(input.charAt(i + 1));
    if (negated) i++;
    const keyStart = i;
    KEY.lastIndex = i;
    let key: string | null = null;
    if (KEY.test(input)) {
      key = input.slice(i, KEY.lastIndex - 1).toLowerCase();
      i = KEY.lastIndex;
    }
    const valueStart = i;
    let value = '';
    let quoted = false;
    let openAt = -1;
    while (i < n) {
      const ch = input.charAt(i);
      if (openAt < 0 && isSpace(ch)) break;
      if (ch === '"') {
        quoted = true;
        openAt = openAt < 0 ? i : -1;
        i++;
      } else if (openAt >= 0 && ch === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) {
        value += input.charAt(i + 1);
        i += 2;
      } else {
        value += ch;
        i++;
      }
    }
    chunks.push({ start, end: i, negated, key, keyStart, value, valueStart, quoted, unclosedAt: openAt });
  }
  return chunks;
}
