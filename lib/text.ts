// Token names and logins are typed by any org member. Characters that render as nothing,
// or that reorder the text around them, can make one token look like another; the panel
// keeps the name exact (it is evidence) and flags these characters instead.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** The code points of invisible or direction-changing characters in text, as U+XXXX. */
export function invisibleCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(INVISIBLE)) {
    found.add(`U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...found];
}
