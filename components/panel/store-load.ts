// Loading grants: the first load (cache first) and Reload (from GitHub), with the progress the
// worker pushes meanwhile (components/load-grants.ts).
import { indexTokens, queryNeedsRepositories } from '../../lib/filter/evaluate';
import { fromWire } from '../../lib/tokens';
import { loadGrants } from '../load-grants';
import type { Kit, PanelActions } from './state';

/** Runs `task` when the page is idle (soon after the next paint), or after a timeout. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 500 });
  else setTimeout(task, 0);
}

/** A cached list older than this is shown at once, then refreshed from GitHub behind it. */
export const STALE_AFTER_MS = 15 * 60_000;

export function loadActions(kit: Kit): Pick<PanelActions, 'start' | 'load' | 'unlock'> {
  const { get, update, deps, org } = kit;
  // A newer load supersedes an older one: only the latest may write its result.
  let generation = 0;

  async function load(refresh: boolean): Promise<void> {
    const mine = ++generation;
    const hadTokens = get().status === 'ready';
    update({ progress: { loaded: 0, total: null }, status: hadTokens ? 'ready' : 'loading', error: null });
    const reply = await loadGrants(deps, org, refresh, (progress) => {
      if (mine === generation) update({ progress: { loaded: progress.loaded, total: progress.total } });
    });
    if (mine !== generation) return;
    if (!reply.ok && reply.error.code === 'locked') {
      // Locked meanwhile (the browser restarted): the tokens shown so far go too.
      update({
        progress: null,
        status: 'locked',
        lock: 'locked',
        tokens: [],
        selection: new Set(),
        error: null,
      });
      return;
    }
    if (!reply.ok) {
      const status = reply.error.code === 'not_configured' ? 'not-configured' : hadTokens ? 'ready' : 'error';
      update({ progress: null, status, error: reply.error });
      return;
    }
    const tokens = reply.data.tokens.map(fromWire);
    // Ids no longer listed (revoked elsewhere, expired and removed) cannot stay selected.
    const live = new Set(tokens.map((t) => t.grantId));
    const selection = new Set([...get().selection].filter((id) => live.has(id)));
    const details = get().details;
    // Another list (a load from GitHub): its tokens' repository lists are fetched again, as
    // their owners may have changed them (the worker dropped its copies too).
    const repositories = reply.data.loadedAt === get().loadedAt ? get().repositories : new Map();
    update({
      tokens,
      selection,
      repositories,
      details: details !== null && live.has(details) ? details : null,
      loadedAt: reply.data.loadedAt,
      progress: null,
      status: 'ready',
      error: null,
    });
    // The filter's caches, for the rows as keystrokes filter them, so the first does not pay:
    // once the rows are drawn (a few hundred ms at 50,000 tokens that the list's first paint
    // need not wait for). A keystroke before then builds them itself.
    const rows = get().sorted;
    whenIdle(() => {
      if (!kit.disposed() && get().sorted === rows) indexTokens(rows);
    });
    if (queryNeedsRepositories(get().parsed)) kit.fetchForFilter?.();
    void get().loadChanges();
  }

  return {
    load,
    async unlock(passphrase, confirm) {
      const reply = await deps.send(
        'unlock',
        confirm === undefined ? { passphrase } : { passphrase, confirm },
      );
      if (!reply.ok) return reply.error;
      await get().start();
      return null;
    },
    async start() {
      const settings = await deps.send('settings.get', {});
      if (!settings.ok) {
        update({ status: 'error', error: settings.error });
        return;
      }
      update({ webHost: settings.data.webHost });
      if (settings.data.mode === null) {
        update({ status: 'not-configured', error: null });
        return;
      }
      if (settings.data.lock === 'locked' || settings.data.lock === 'setup') {
        update({ status: 'locked', lock: settings.data.lock, error: null });
        return;
      }
      await Promise.all([load(false), get().resumeJob()]);
      const loadedAt = get().loadedAt;
      if (get().status === 'ready' && loadedAt !== null && deps.now() - loadedAt > STALE_AFTER_MS)
        await load(true);
    },
  };
}
