// Token names and logins are typed by any org member. Characters that render as nothing,
// or that reorder the text around them, can make one token look like another; the panel
// keeps the name exact (it is evidence) and flags these characters instead, and searches
// compare text with them removed so a lookalike cannot hide from a filter.

// Unicode's own classes rather than a hand list (which missed tag characters, Hangul
// fillers, U+034F, variation selectors and U+2028/9): default-ignorable code points
// (render as nothing), format characters (bidi controls, ZWSP, soft hyphen, ...), line and
// paragraph separators, and C0/C1 controls.
const HIDDEN_CLASS = '[\\p{Default_Ignorable_Code_Point}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cc}]';
const HIDDEN = new RegExp(HIDDEN_CLASS, 'gu');
const HAS_HIDDEN = new RegExp(HIDDEN_CLASS, 'u');
// Printable ASCII: nothing to remove, and NFKC and the search fold leave it as it is.
const PLAIN = /^[\x20-\x7E]*$/;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The code points of invisible or direction-changing characters in text, as U+XXXX. */
export function invisibleCharacters(text: string): string[] {
  if (PLAIN.test(text)) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(HIDDEN)) found.add(codePoint(match[0]));
  return [...found];
}

/** The sentence a flag shows and a screen reader reads; null when there is nothing to flag. */
export function invisibleCharactersLabel(text: string): string | null {
  const hidden = invisibleCharacters(text);
  if (hidden.length === 0) return null;
  return `Contains invisible or direction-changing characters: ${hidden.join(', ')}`;
}

/**
 * Text as searches compare it (PRODUCT.md "Filter language"): NFKC (full-width and other
 * compatibility forms become plain), hidden characters removed, lower case. NFKC runs
 * again after the removal so that what the removal joined composes the same way a typed
 * query does; Hangul fillers that NFKC itself produces (U+3164 → U+1160) are removed too.
 */
export function searchFold(text: string): string {
  if (PLAIN.test(text)) return text.toLowerCase();
  const removed = text.normalize('NFKC').replace(HIDDEN, '');
  return removed.normalize('NFKC').replace(HIDDEN, '').toLowerCase();
}

/**
 * The same fold without lower-casing, with where each folded character came from: for
 * highlighting a match found in folded text on the original. Folds one grapheme at a time
 * (NFKC composes within graphemes), so `start[k]`/`end[k]` bound the grapheme of the
 * original that produced folded character k. Null when folding changes nothing.
 */
export function foldWithOffsets(text: string): { text: string; start: number[]; end: number[] } | null {
  if (PLAIN.test(text)) return null;
  if (!HAS_HIDDEN.test(text) && text.normalize('NFKC') === text) return null;
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  for (const { segment, index } of graphemes.segment(text)) {
    const piece = segment.normalize('NFKC').replace(HIDDEN, '').normalize('NFKC');
    folded += piece;
    for (let k = 0; k < piece.length; k++) {
      start.push(index);
      end.push(index + segment.length);
    }
  }
  return { text: folded, start, end };
}
