// Counts as people read them: "1 token", "1,516 tokens", "1 entry". Names built with these
// are part of PRODUCT.md's contract ("Revoke 1 token", "Revoke 3 tokens"), so every surface
// uses this one rule instead of writing its own.

const numbers = new Intl.NumberFormat('en-US');

/** A count with thousands separators: 20,000. */
export const formatCount = (n: number): string => numbers.format(n);

/** `1 token`, `3 tokens`; `plural` for words that do not just take an s (entry → entries). */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
