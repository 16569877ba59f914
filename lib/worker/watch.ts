// The daily watch (PRODUCT.md "Policies and watch"): refreshes every known org through the
// grants loader (the same request budget and conditional requests as a load), counts the
// tokens that match a policy or are new since review, sets the badge and may notify. A check
// is saved after every org, and an alarm beats while it runs, so a worker Chrome stops
// mid-check resumes it where it stopped instead of starting over or showing a partial count.
import { browser } from 'wxt/browser';
import * as cache from '../cache';
import type { Policy } from '../policies';
import { readPolicies } from '../policies-item';
import {
  EMPTY_WATCH,
  type OrgCheck,
  totalOf,
  type WatchSettings,
  type WatchState,
  watchSettingsItem,
  watchStateItem,
} from '../watch-state';
import type { Credentials } from './credentials';
import type { GrantsLoader } from './grants-loader';
import type { MembersLoader } from './members-loader';
import { toReplyError } from './reply-error';
import { clearBadge, showBadge } from './watch-badge';
import { countOrg } from './watch-count';
import { notifyIfGrown } from './watch-notify';

export const WATCH_ALARM = 'patrol-watch';
export const WATCH_RESUME_ALARM = 'patrol-watch-resume';
const DAY_MINUTES = 24 * 60;

export interface WatchDeps {
  credentials: Pick<Credentials, 'requireConfigured'>;
  loader: Pick<GrantsLoader, 'load'>;
  members: MembersLoader;
  now: () => number;
}

export function createWatch(deps: WatchDeps) {
  let current: Promise<WatchState> | null = null;

  async function checkOrg(org: string, policies: readonly Policy[]): Promise<OrgCheck> {
    try {
      return await countOrg(org, await deps.loader.load(org), policies, deps);
    } catch (error) {
      return {
        org,
        ok: false,
        checkedAt: deps.now(),
        error: toReplyError(error, { org, action: 'check tokens' }),
      };
    }
  }

  async function finish(state: WatchState, orgs: OrgCheck[]): Promise<WatchState> {
    const previous = state.last?.orgs ?? [];
    const total = totalOf(orgs);
    const settings = await watchSettingsItem.getValue();
    // The first check sets the level to compare with: turning the watch on notifies nothing.
    const notified =
      total === null
        ? {}
        : await notifyIfGrown(state, previous, orgs, total, settings.notify && state.last !== null);
    const next: WatchState = {
      ...state,
      ...notified,
      running: null,
      locked: false,
      last: { finishedAt: deps.now(), orgs, total },
    };
    await watchStateItem.setValue(next);
    return next;
  }

  /** Runs the saved check to its end, one org at a time, saving after each. */
  async function advance(): Promise<WatchState> {
    let state = await watchStateItem.getValue();
    const run = state.running;
    if (!run) return state;
    await browser.alarms.create(WATCH_RESUME_ALARM, { periodInMinutes: 0.5 });
    try {
      try {
        await deps.credentials.requireConfigured();
      } catch (error) {
        // Locked: no org can be counted, and the badge says why instead of an old count.
        // Signed out: there is nothing to count.
        const locked = toReplyError(error, { org: '', action: 'check tokens' }).code === 'locked';
        state = locked ? { ...state, running: null, locked } : { ...EMPTY_WATCH };
        await watchStateItem.setValue(state);
        return state;
      }
      const policies = await readPolicies();
      const done = [...run.done];
      for (const org of run.orgs) {
        if (done.some((d) => d.org === org)) continue;
        done.push(await checkOrg(org, policies));
        state = { ...state, running: { ...run, done: [...done] } };
        await watchStateItem.setValue(state);
      }
      return await finish(state, done);
    } finally {
      await browser.alarms.clear(WATCH_RESUME_ALARM);
      await showBadge(await watchStateItem.getValue());
    }
  }

  function runOnce(): Promise<WatchState> {
    current ??= advance().finally(() => {
      current = null;
    });
    return current;
  }

  return {
    /** "Check now" and the daily alarm: a new check of every known org (or joins the one running). */
    async check(): Promise<WatchState> {
      if (current) return current;
      const state = await watchStateItem.getValue();
      if (!state.running) {
        const orgs = (await cache.listOrgs()).map((o) => o.org);
        await watchStateItem.setValue({ ...state, running: { startedAt: deps.now(), orgs, done: [] } });
      }
      return runOnce();
    },
    /** On worker start and on the heartbeat alarm: finishes a check a stopped worker left. */
    async resume(): Promise<WatchState | null> {
      if (current) return current;
      return (await watchStateItem.getValue()).running ? runOnce() : null;
    },
    /** The options page's checkboxes: the daily alarm follows "Check my organizations daily". */
    async configure(settings: WatchSettings): Promise<WatchSettings> {
      await watchSettingsItem.setValue(settings);
      await this.ensureAlarm();
      if (!settings.daily) {
        await clearBadge();
        await watchStateItem.setValue({ ...EMPTY_WATCH });
      }
      return settings;
    },
    /** The daily alarm exists exactly while the daily check is on. */
    async ensureAlarm(): Promise<void> {
      const { daily } = await watchSettingsItem.getValue();
      const armed = await browser.alarms.get(WATCH_ALARM);
      if (daily && !armed) {
        await browser.alarms.create(WATCH_ALARM, {
          delayInMinutes: DAY_MINUTES,
          periodInMinutes: DAY_MINUTES,
        });
      }
      if (!daily && armed) await browser.alarms.clear(WATCH_ALARM);
    },
  };
}

export type Watch = ReturnType<typeof createWatch>;

/** Sign-out: the counts belonged to the credential's lists; the settings stay. */
export async function forgetWatch(): Promise<void> {
  await watchStateItem.setValue({ ...EMPTY_WATCH });
  await clearBadge();
}
