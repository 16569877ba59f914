// The daily watch's settings and last results (PRODUCT.md "Policies and watch"), in
// storage.local: the worker writes them (lib/worker/watch.ts), the options page and the popup
// read them. Counts and org names only: no token, no secret.
import { storage } from 'wxt/utils/storage';
import type { ReplyError } from './protocol';

export interface WatchSettings {
  /** "Check my organizations daily". */
  daily: boolean;
  /** "Notify me when this grows" (needs the optional `notifications` permission). */
  notify: boolean;
}

/** One org's part of a check: its counts, or why it could not be counted. */
export type OrgCheck =
  | {
      org: string;
      ok: true;
      checkedAt: number;
      /** Tokens matching any policy or new since review: the org's part of the badge. */
      watched: number;
      newSinceReview: number;
      policies: { name: string; query: string; count: number }[];
    }
  | { org: string; ok: false; checkedAt: number; error: ReplyError };

export interface WatchRun {
  startedAt: number;
  /** Every org the check covers, in order; those in `done` are finished. */
  orgs: string[];
  done: OrgCheck[];
}

export interface WatchState {
  /** A check under way (persisted after every org, so a stopped worker resumes it). */
  running: WatchRun | null;
  /** The last finished check. */
  last: { finishedAt: number; orgs: OrgCheck[]; total: number | null } | null;
  /** Set when the last check could not run: the credential is locked. */
  locked: boolean;
  /** The total last notified about; a notification goes out only when a total passes it. */
  notifiedTotal: number;
  /** Where the notification leads: the org and query that grew. */
  notice: { org: string; query: string } | null;
}

export const watchSettingsItem = storage.defineItem<WatchSettings>('local:watch-settings', {
  fallback: { daily: false, notify: false },
});

export const EMPTY_WATCH: WatchState = {
  running: null,
  last: null,
  locked: false,
  notifiedTotal: 0,
  notice: null,
};

export const watchStateItem = storage.defineItem<WatchState>('local:watch-state', { fallback: EMPTY_WATCH });

/** The badge's count: the sum over orgs, or null when any org could not be counted. */
export function totalOf(orgs: readonly OrgCheck[]): number | null {
  let total = 0;
  for (const org of orgs) {
    if (!org.ok) return null;
    total += org.watched;
  }
  return total;
}
