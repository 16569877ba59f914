// "Notify me when this grows": one notification each time the watched total rises above the
// last one seen, leading to the panel filtered by the query that grew. Needs the optional
// `notifications` permission, which the options page asks for when the box is ticked.
import { browser } from 'wxt/browser';
import { activeTokensUrl } from '../page-hash';
import { countOf } from '../plural';
import type { OrgCheck, WatchState } from '../watch-state';

export const WATCH_NOTIFICATION = 'patrol-watch';

interface Growth {
  org: string;
  query: string;
  label: string;
  count: number;
  delta: number;
}

/** The org and query that grew most since `previous` (everything counts as grown the first time). */
export function biggestGrowth(previous: readonly OrgCheck[], current: readonly OrgCheck[]): Growth | null {
  let best: Growth | null = null;
  for (const now of current) {
    if (!now.ok) continue;
    const before = previous.find((o) => o.org.toLowerCase() === now.org.toLowerCase());
    const old = before?.ok ? before : null;
    const candidates = [
      {
        query: 'is:new',
        label: 'New since review',
        count: now.newSinceReview,
        was: old?.newSinceReview ?? 0,
      },
      ...now.policies.map((p) => ({
        query: p.query,
        label: p.name,
        count: p.count,
        was: old?.policies.find((q) => q.name === p.name)?.count ?? 0,
      })),
    ];
    for (const c of candidates) {
      const delta = c.count - c.was;
      if (delta > 0 && (!best || delta > best.delta)) {
        best = { org: now.org, query: c.query, label: c.label, count: c.count, delta };
      }
    }
  }
  return best;
}

async function mayNotify(): Promise<boolean> {
  try {
    return (
      Boolean(browser.notifications) &&
      (await browser.permissions.contains({ permissions: ['notifications'] }))
    );
  } catch {
    return false;
  }
}

/**
 * Notifies when `total` passed the last notified total; returns what the state keeps: the new
 * total to compare with (it follows the total down too, so the next rise notifies again).
 */
export async function notifyIfGrown(
  state: WatchState,
  previous: readonly OrgCheck[],
  current: readonly OrgCheck[],
  total: number,
  enabled: boolean,
): Promise<Pick<WatchState, 'notifiedTotal' | 'notice'>> {
  const kept = { notifiedTotal: total, notice: state.notice };
  if (!enabled || total <= state.notifiedTotal || !(await mayNotify())) return kept;
  const grown = biggestGrowth(previous, current);
  if (!grown) return kept;
  await browser.notifications.create(WATCH_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon-128.png'),
    title: `PATrol: ${countOf(total, 'token')} to review`,
    message: `${grown.org}: ${grown.label} now ${countOf(grown.count, 'token')}. Click to open them.`,
  });
  return { notifiedTotal: total, notice: { org: grown.org, query: grown.query } };
}

/** The notification's click: the org's Active tokens page filtered by the query that grew. */
export async function openNotice(state: WatchState, webHost: string): Promise<void> {
  if (!state.notice) return;
  await browser.tabs.create({ url: activeTokensUrl(webHost, state.notice.org, state.notice.query) });
  await browser.notifications?.clear(WATCH_NOTIFICATION);
}
