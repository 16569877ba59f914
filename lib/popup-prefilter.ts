// A cheap first pass before uFuzzy's regex, which is most of a keystroke's cost over 50,000
// haystacks. Each haystack gets a bitmask of the ASCII letters and digits it contains, once per
// index. uFuzzy (intraMode 1, its default rules) lets a term's letter run of five or more
// characters lose at most one of them (one substitution or omission), and never drops a
// character from shorter runs or from digit runs (those allow only swaps and insertions, or
// nothing). So a haystack missing more of a run's characters than that cannot match, and is
// skipped without running the regex. The test is necessary, never sufficient: the regex still
// decides every match, so results are exactly uFuzzy's.

/** A haystack whose characters the mask cannot vouch for (non-ASCII: case folding beyond ASCII). */
const ANY = 0xffffffff;
const DIGIT_RE = /^\d+$/;
const RUNS_RE = /[^\d]+|\d+/g;

/** a–z on bits 0–25; digits share bits 26–31 (a shared bit only lets more haystacks through). */
function bitOf(code: number): number {
  if (code >= 97 && code <= 122) return 1 << (code - 97);
  if (code >= 65 && code <= 90) return 1 << (code - 65);
  if (code >= 48 && code <= 57) return 1 << (26 + ((code - 48) % 6));
  return 0;
}

/** Which letters and digits `text` holds; every bit when it has non-ASCII characters. */
export function charMask(text: string): number {
  let mask = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    // Non-ASCII haystacks can match ASCII terms through Unicode case folding (ſ for s, K for k).
    if (code > 0x7f) return ANY;
    mask |= bitOf(code);
  }
  return mask;
}

export function charMasks(haystack: readonly string[]): Uint32Array {
  const masks = new Uint32Array(haystack.length);
  for (let i = 0; i < haystack.length; i++) masks[i] = charMask(haystack[i] as string);
  return masks;
}

/** What a haystack must contain for `terms` (uFuzzy's split of the needle) to match. */
export interface Requirement {
  /** Bits every match contains. */
  all: number;
  /** Letter runs that may each lack one of their characters. */
  loose: number[];
}

/** Bits of the ASCII letters and digits of `text`; others are not required (they may fold). */
function bitsOf(text: string): number {
  let bits = 0;
  for (let k = 0; k < text.length; k++) bits |= bitOf(text.charCodeAt(k));
  return bits;
}

export function requirement(terms: readonly string[]): Requirement | null {
  let all = 0;
  const loose: number[] = [];
  for (const term of terms) {
    // Quoted terms and contractions are rewritten by uFuzzy before matching: skip them.
    if (term.includes('"') || term.includes("'")) continue;
    // uFuzzy applies its typo rules to each letter run and digit run of a term separately.
    for (const [run] of term.matchAll(RUNS_RE)) {
      const bits = bitsOf(run);
      if (!DIGIT_RE.test(run) && run.length >= 5) loose.push(bits);
      else all |= bits;
    }
  }
  return all === 0 && loose.length === 0 ? null : { all, loose };
}

function popcount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function mayMatch(mask: number, need: Requirement): boolean {
  if ((need.all & ~mask) !== 0) return false;
  for (const bits of need.loose) if (popcount(bits & ~mask) > 1) return false;
  return true;
}

/**
 * The indexes (of `pre`, or of every haystack) that may match, in order; undefined when the
 * terms require nothing checkable, so the caller searches as before.
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
    for (const i of pre) if (mayMatch(masks[i] as number, need)) out.push(i);
  } else {
    for (let i = 0; i < masks.length; i++) if (mayMatch(masks[i] as number, need)) out.push(i);
  }
  return out;
}
