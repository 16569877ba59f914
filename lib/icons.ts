// PATrol's toolbar and store icons, and the badge colour of the toolbar's watch count.

/** PNG sizes rendered from assets/icon.svg (scripts/render-icons.ts): 16/32 toolbar, 48 the
 *  extensions page, 96 Firefox's add-ons manager, 128 the stores. */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

/** The manifest's `icons` / `action.default_icon` map: size → path in the build. */
export function iconPaths(sizes: readonly number[] = ICON_SIZES): Record<string, string> {
  return Object.fromEntries(sizes.map((size) => [String(size), `icon-${size}.png`]));
}

/**
 * For action.setBadgeBackgroundColor: a purple apart from the icon's blue (so the count never
 * reads as part of the drawing) and from GitHub's red and green (it is a count, not an alarm or
 * an all-clear). Dark enough for the browsers' white badge text (contrast 6.5:1).
 */
export const BADGE_BACKGROUND_COLOR = '#6e40c9';

/**
 * The badge's "!" when the watch could not count (a locked credential, an org that failed):
 * GitHub's attention amber, so it never reads as a count (white text: contrast 4.9:1).
 */
export const BADGE_ATTENTION_COLOR = '#9a6700';
