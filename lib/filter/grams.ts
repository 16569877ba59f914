// Which tokens hold each ASCII character, and each pair of adjacent ASCII characters, in their
// folded name or login (lib/filter/list-index.ts builds one per list). A word can only be in
// the tokens that hold all its pairs, so the first letters of a word, which match tens of
// thousands of tokens, are answered without comparing text, and longer words compare only the
// few tokens holding every pair. A set is a sorted list while that is smaller than a bit per
// token, a bit set otherwise: about 2 MB for 50,000 seeded tokens.

type GramSet = { positions: Int32Array; bits: null } | { positions: null; bits: Uint32Array };

export interface Grams {
  size: number;
  /** By code: a character c at c, a pair (a, b) at 128 + a * 128 + b. */
  sets: (GramSet | undefined)[];
  count: Int32Array;
}

const CODES = 128 + 128 * 128;

function eachCode(text: string, visit: (code: number) => void): void {
  let before = -1;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) {
      before = -1;
      continue;
    }
    visit(c);
    if (before >= 0) visit(128 + before * 128 + c);
    before = c;
  }
}

/** Codes held by each token, once per token however often it holds one: `visit(code, i)`. */
function eachTokenCode(
  size: number,
  textsOf: (i: number) => readonly string[],
  seen: Int32Array,
  visit: (code: number, i: number) => void,
): void {
  seen.fill(-1);
  let i = 0;
  // One function for every character (not one per token or text).
  const once = (code: number) => {
    if (seen[code] === i) return;
    seen[code] = i;
    visit(code, i);
  };
  for (; i < size; i++) for (const text of textsOf(i)) eachCode(text, once);
}

/** `textsOf(i)` gives token i's folded name and login. */
export function buildGrams(size: number, textsOf: (i: number) => readonly string[]): Grams {
  const count = new Int32Array(CODES);
  const seen = new Int32Array(CODES);
  eachTokenCode(size, textsOf, seen, (code) => {
    count[code] = (count[code] as number) + 1;
  });
  const sets: (GramSet | undefined)[] = new Array(CODES);
  const filled = new Int32Array(CODES);
  const words = (size + 31) >>> 5;
  for (let code = 0; code < CODES; code++) {
    const n = count[code] as number;
    if (n === 0) continue;
    sets[code] =
      n < words
        ? { positions: new Int32Array(n), bits: null }
        : { positions: null, bits: new Uint32Array(words) };
  }
  eachTokenCode(size, textsOf, seen, (code, i) => {
    const set = sets[code] as GramSet;
    if (set.bits) set.bits[i >>> 5] = (set.bits[i >>> 5] as number) | (1 << (i & 31));
    else {
      set.positions[filled[code] as number] = i;
      filled[code] = (filled[code] as number) + 1;
    }
  });
  return { size, sets, count };
}

/** The codes a word's tokens must all hold: its pairs, or its characters when it has no pair. */
function codesOf(word: string): number[] {
  const chars: number[] = [];
  const pairs: number[] = [];
  eachCode(word, (code) => {
    (code < 128 ? chars : pairs).push(code);
  });
  return pairs.length > 0 ? pairs : chars;
}

/** How many tokens hold the word's rarest code: an upper bound of its candidates, or `size`. */
export function gramCost(grams: Grams, word: string): number {
  const codes = codesOf(word);
  if (codes.length === 0) return grams.size;
  return Math.min(...codes.map((code) => grams.count[code] as number));
}

/** True when holding the word's one code is holding the word (one ASCII character or pair). */
export function gramExact(word: string): boolean {
  const ascii = (k: number) => word.charCodeAt(k) < 128;
  return (word.length === 1 && ascii(0)) || (word.length === 2 && ascii(0) && ascii(1));
}

function positionsOf(set: GramSet): Int32Array {
  if (set.positions) return set.positions;
  const { bits } = set;
  let n = 0;
  for (let w = 0; w < bits.length; w++) {
    let x = bits[w] as number;
    while (x !== 0) {
      x &= x - 1;
      n++;
    }
  }
  const out = new Int32Array(n);
  let k = 0;
  for (let w = 0; w < bits.length; w++) {
    let x = bits[w] as number;
    while (x !== 0) {
      const low = x & -x;
      out[k++] = (w << 5) + 31 - Math.clz32(low);
      x ^= low;
    }
  }
  return out;
}

function holds(set: GramSet, i: number, cursor: { at: number }): boolean {
  if (set.bits) return ((set.bits[i >>> 5] as number) & (1 << (i & 31))) !== 0;
  // Ascending positions against an ascending list: walk it once.
  const list = set.positions;
  while (cursor.at < list.length && (list[cursor.at] as number) < i) cursor.at++;
  return cursor.at < list.length && list[cursor.at] === i;
}

/** Ascending positions of the tokens holding every code of `word`; null when none narrows. */
export function gramCandidates(grams: Grams, word: string): Int32Array | null {
  const codes = codesOf(word);
  if (codes.length === 0) return null;
  // The rarest first: its positions are the most there can be.
  codes.sort((a, b) => (grams.count[a] as number) - (grams.count[b] as number));
  const sets: GramSet[] = [];
  for (const code of codes) {
    const set = grams.sets[code];
    if (set === undefined) return new Int32Array(0);
    sets.push(set);
  }
  const first = positionsOf(sets[0] as GramSet);
  if (sets.length === 1) return first;
  const cursors = sets.map(() => ({ at: 0 }));
  const out = new Int32Array(first.length);
  let n = 0;
  for (let k = 0; k < first.length; k++) {
    const i = first[k] as number;
    let all = true;
    for (let s = 1; s < sets.length && all; s++)
      all = holds(sets[s] as GramSet, i, cursors[s] as { at: number });
    if (all) out[n++] = i;
  }
  return out.subarray(0, n);
}
