// The toolbar badge of the daily watch: the number of tokens that match a policy or are new
// since review, or "!" when that number would be wrong (locked, an org that failed). The title
// says which, and the popup shows the detail.
import { browser } from 'wxt/browser';
import { BADGE_ATTENTION_COLOR, BADGE_BACKGROUND_COLOR } from '../icons';
import { countOf } from '../plural';
import type { WatchState } from '../watch-state';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

const TITLE = 'PATrol';

/** A badge fits about four characters: 1,240 reads "1k+", the title has the exact count. */
export function badgeCount(n: number): string {
  if (n === 0) return '';
  return n < 1000 ? String(n) : `${Math.min(Math.floor(n / 1000), 999)}k+`;
}

/** What the badge shows for a watch state. */
export function badgeOf(state: WatchState): Badge {
  if (state.locked) {
    return {
      text: '!',
      color: BADGE_ATTENTION_COLOR,
      title: `${TITLE}: locked, so your organizations were not checked. Unlock PATrol (popup or options page), then press Check now.`,
    };
  }
  const last = state.last;
  if (!last) return { text: '', color: BADGE_BACKGROUND_COLOR, title: TITLE };
  if (last.total === null) {
    const failed = last.orgs.filter((o) => !o.ok).map((o) => o.org);
    return {
      text: '!',
      color: BADGE_ATTENTION_COLOR,
      title: `${TITLE}: could not check ${failed.join(', ')}. Open PATrol's popup for the reason.`,
    };
  }
  const n = last.total;
  return {
    text: badgeCount(n),
    color: BADGE_BACKGROUND_COLOR,
    title: `${TITLE}: ${countOf(n, 'token')} match a policy or are new since review.`,
  };
}

export async function showBadge(state: WatchState): Promise<void> {
  const badge = badgeOf(state);
  await browser.action.setBadgeBackgroundColor({ color: badge.color });
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setTitle({ title: badge.title });
}

export async function clearBadge(): Promise<void> {
  await browser.action.setBadgeText({ text: '' });
  await browser.action.setTitle({ title: TITLE });
}
