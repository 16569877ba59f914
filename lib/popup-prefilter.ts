// A cheap first pass before uFuzzy's regex, which is most of a keystroke's cost over 50,000
// haystacks. Each haystack gets, once per index, a bitmask of the ASCII letters and digits it
// holds and one of the adjacent pairs of them (hashed to 64 bits). uFuzzy (intraMode 1, its
// default rules) allows one typo only in a term's letter runs of five or more: one
// substitution or omission loses at most one of the run's characters, and any one typo
// (transposition included) breaks at most three of its adjacent pairs. Shorter letter runs may
// only swap or gain a character (every character stays), and digit runs and runs of one or two
// letters match exactly (every character and pair stays). A haystack missing more than that
// cannot match, and is skipped without running the regex. The test is necessary, never
// sufficient: the regex still decides every match, so results are exactly uFuzzy's.

/** Every bit: a haystack the masks cannot vouch for (non-ASCII: case folding beyond ASCII). */
const ANY = 0xffffffff;
/** Per haystack: letters, then the pairs' low and high 32 bits. */
export const WORDS = 3;
const DIGIT_RE = /^\d+$/;
const RUNS_RE = /[^\d]+|\d+/g;

/** a–z as 1–26, 0–9 as 27–36, anything else 0 (it breaks a pair). */
function codeOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 96;
  if (code >= 65 && code <= 90) return code - 64;
  if (code >= 48 && code <= 57) return code - 21;
  return 0;
}

/** a–z on bits 0–25; digits share bits 26–31 (a shared bit only lets more haystacks through). */
const charBit = (c: number): number => (c <= 26 ? 1 << (c - 1) : 1 << (26 + ((c - 27) % 6)));
const pairBit = (a: number, b: number): number => (a * 37 + b) & 63;

/** The three mask words of `text` into `out` at `at`; every bit when it has non-ASCII characters. */
function maskInto(text: string, out: Uint32Array, at: number): void {
  let chars = 0;
  let lo = 0;
  let hi = 0;
  let prev = 0;
  for (let k = 0; k < text.length; k++) {
    const raw = text.charCodeAt(k);
    // Non-ASCII haystacks can match ASCII terms through Unicode case folding (ſ for s, K for k).
    if (raw > 0x7f) {
      out.fill(ANY, at, at + WORDS);
      return;
    }
    const c = codeOf(raw);
    if (c !== 0) {
      chars |= charBit(c);
      if (prev !== 0) {
        const bit = pairBit(prev, c);
        if (bit < 32) lo |= 1 << bit;
        else hi |= 1 << (bit - 32);
      }
    }
    prev = c;
  }
  out[at] = chars;
  out[at + 1] = lo;
  out[at + 2] = hi;
}

export function charMasks(haystack: readonly string[]): Uint32Array {
  const masks = new Uint32Array(haystack.length * WORDS);
  for (let i = 0; i < haystack.length; i++) maskInto(haystack[i] as string, masks, i * WORDS);
  return masks;
}

/** The masks of one text, for tests and callers outside an index. */
export function maskOf(text: string): Uint32Array {
  const out = new Uint32Array(WORDS);
  maskInto(text, out, 0);
  return out;
}

/** Bits a haystack must hold, of which up to `slack` may be missing. */
interface Loose {
  words: Uint32Array;
  slack: number;
}

/** What a haystack must contain for `terms` (uFuzzy's split of the needle) to match. */
export interface Requirement {
  /** Bits every match holds. */
  all: Uint32Array;
  /** Long letter runs: their letters (one may be missing) and pairs (three may be). */
  loose: Loose[];
}

/** The masks of a run's ASCII letters and digits; other characters are not required (they may fold). */
function runMasks(run: string): { chars: number; pairs: Uint32Array } {
  let chars = 0;
  const pairs = new Uint32Array(WORDS);
  let prev = 0;
  for (let k = 0; k < run.length; k++) {
    const c = codeOf(run.charCodeAt(k));
    if (c !== 0) {
      chars |= charBit(c);
      if (prev !== 0) {
        const bit = pairBit(prev, c);
        pairs[bit < 32 ? 1 : 2] = (pairs[bit < 32 ? 1 : 2] as number) | (1 << (bit & 31));
      }
    }
    prev = c;
  }
  return { chars, pairs };
}

export function requirement(terms: readonly string[]): Requirement | null {
  const all = new Uint32Array(WORDS);
  const loose: Loose[] = [];
  for (const term of terms) {
    // Quoted terms and contractions are rewritten by uFuzzy before matching: skip them.
    if (term.includes('"') || term.includes("'")) continue;
    // uFuzzy applies its typo rules to each letter run and digit run of a term separately.
    for (const [run] of term.matchAll(RUNS_RE)) {
      const { chars, pairs } = runMasks(run);
      const exact = DIGIT_RE.test(run) || run.length <= 2;
      if (exact) for (let w = 1; w < WORDS; w++) all[w] = (all[w] as number) | (pairs[w] as number);
      if (!DIGIT_RE.test(run) && run.length >= 5) {
        loose.push({ words: Uint32Array.of(chars, 0, 0), slack: 1 });
        loose.push({ words: Uint32Array.of(0, pairs[1] as number, pairs[2] as number), slack: 3 });
      } else all[0] = (all[0] as number) | chars;
    }
  }
  const none = all.every((word) => word === 0);
  return none && loose.length === 0 ? null : { all, loose };
}

function popcount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Whether the haystack whose masks start at `at` in `masks` may match. */
export function mayMatch(masks: Uint32Array, at: number, need: Requirement): boolean {
  for (let w = 0; w < WORDS; w++)
    if (((need.all[w] as number) & ~(masks[at + w] as number)) !== 0) return false;
  for (const { words, slack } of need.loose) {
    let missing = 0;
    for (let w = 0; w < WORDS; w++) missing += popcount((words[w] as number) & ~(masks[at + w] as number));
    if (missing > slack) return false;
  }
  return true;
}

/**
 * The indexes (of `pre`, or of every haystack) that may match, in order; `pre` itself when
 * the terms require nothing checkable.
 */
export function candidates(
  masks: Uint32Array,
  terms: readonly string[],
  pre: number[] | undefined,
): number[] | undefined {
  const need = requirement(terms);
  if (!need) return pre;
  const out: number[] = [];
  if (pre) {
    for (const i of pre) if (mayMatch(masks, i * WORDS, need)) out.push(i);
  } else {
    const n = masks.length / WORDS;
    for (let i = 0; i < n; i++) if (mayMatch(masks, i * WORDS, need)) out.push(i);
  }
  return out;
}
