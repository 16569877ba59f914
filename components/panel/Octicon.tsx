// The few GitHub octicons the panel shows where GitHub's own UI has them (menu carets, the
// selected mark, search), inline: a dependency for three paths would cost more than it gives.
// Paths from @primer/octicons 19 (MIT), 16 px grid.

const PATHS = {
  'triangle-down':
    'm4.427 7.427 3.396 3.396a.25.25 0 0 0 .354 0l3.396-3.396A.25.25 0 0 0 11.396 7H4.604a.25.25 0 0 0-.177.427Z',
  check:
    'M13.78 4.22a.75.75 0 0 1 0 1.06l-7.25 7.25a.75.75 0 0 1-1.06 0L2.22 9.28a.751.751 0 0 1 .018-1.042.751.751 0 0 1 1.042-.018L6 10.94l6.72-6.72a.75.75 0 0 1 1.06 0Z',
  search:
    'M10.68 11.74a6 6 0 0 1-7.922-8.982 6 6 0 0 1 8.982 7.922l3.04 3.04a.749.749 0 0 1-.326 1.275.749.749 0 0 1-.734-.215ZM11.5 7a4.499 4.499 0 1 0-8.997 0A4.499 4.499 0 0 0 11.5 7Z',
} as const;

export type OcticonName = keyof typeof PATHS;

/** Decorative: the control it sits in carries the name. */
export function Octicon({ name, class: className = '' }: { name: OcticonName; class?: string }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      class={`patrol-octicon ${className}`}
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="currentColor"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
