// The popup's state: settings, the cached grants of every org (read from the cache and
// indexed once per load),
// the quick search, the org list with refresh/remove/add, and any revocation in flight.
import { createStore } from 'zustand/vanilla';
import { benchMark } from '../../lib/bench-marks';
import type { GrantRows } from '../../lib/cache-rows';
import type { send as sendMessage } from '../../lib/messaging';
import { isOrgLogin } from '../../lib/page';
import { activeTokensUrl, tokenQuery } from '../../lib/page-hash';
import {
  buildTokens,
  createSearchIndex,
  type OrgRows,
  type OrgTokens,
  prepareList,
  type SearchIndex,
  type SearchOutcome,
  search,
} from '../../lib/popup-search';
import type { Watch } from '../../lib/progress';
import type {
  JobSummary,
  LoadedGrants,
  LoadProgress,
  OrgSummary,
  PublicSettings,
  ReplyError,
} from '../../lib/protocol';
import { fromWire } from '../../lib/tokens';
import { loadGrants } from '../load-grants';
import { followRevocations } from './revocation';

/** Results rendered at most; the rest are counted ("N more — refine your search"). */
export const RESULT_LIMIT = 50;

export interface PopupState {
  phase: 'loading' | 'ready' | 'error';
  error: ReplyError | null;
  settings: PublicSettings | null;
  orgs: OrgSummary[];
  /** Tokens across every cached org. */
  tokenCount: number;
  query: string;
  result: SearchOutcome;
  /** Index of the active result, -1 when there is none. */
  active: number;
  /** Orgs being (re)loaded, with the worker's progress. */
  loading: Record<string, LoadProgress>;
  /** The worker's message for an org whose refresh or removal failed. */
  orgErrors: Record<string, string>;
  addError: string | null;
  job: JobSummary | null;
}

export interface PopupDeps {
  send: typeof sendMessage;
  watch: Watch;
  /**
   * The cached orgs and their grants, read straight from the extension's IndexedDB
   * (lib/cache.ts): the popup is an extension page, and no message could carry 50,000 tokens.
   */
  readCache: () => Promise<{ orgs: OrgSummary[]; lists: (LoadedGrants | GrantRows)[] }>;
  openTab: (url: string) => void;
  openOptions: () => void;
  now: () => number;
}

/** A copy of `record` with `key` set, or removed when `value` is null. */
function patch<T>(record: Record<string, T>, key: string, value: T | null): Record<string, T> {
  const next = { ...record };
  if (value === null) delete next[key];
  else next[key] = value;
  return next;
}

const EMPTY: SearchOutcome = { hits: [], total: 0, errors: [] };

export function createPopupStore(deps: PopupDeps) {
  const store = createStore<PopupState>(() => ({
    phase: 'loading',
    error: null,
    settings: null,
    orgs: [],
    tokenCount: 0,
    query: '',
    result: EMPTY,
    active: -1,
    loading: {},
    orgErrors: {},
    addError: null,
    job: null,
  }));
  const { getState: get, setState: set } = store;
  // Kept outside the state: the index is rebuilt only when the cache changes.
  let groups: (OrgTokens | OrgRows)[] = [];
  let index: SearchIndex = createSearchIndex([]);
  let following = false;

  function runSearch(query: string) {
    // The search alone, without rendering.
    benchMark('patrol:filter:start');
    const result = query.trim() === '' ? EMPTY : search(index, query, deps.now(), RESULT_LIMIT);
    benchMark('patrol:filter:end');
    set({ query, result, active: result.hits.length > 0 ? 0 : -1 });
  }

  function setGroups(next: (OrgTokens | OrgRows)[], built = createSearchIndex(next)) {
    groups = next;
    index = built;
    set({ tokenCount: index.tokens.length });
    runSearch(get().query);
    buildInIdleTime(index);
  }

  /**
   * Builds the tokens a text search left unbuilt while the popup is idle, so that the first
   * qualifier typed (which reads every token) does not pay for all of them in one keystroke.
   */
  function buildInIdleTime(target: SearchIndex, from = 0) {
    const idle = globalThis.requestIdleCallback;
    if (!idle) return;
    if (from >= target.tokens.length) return prepareInIdleTime(target);
    idle((deadline) => {
      let next = from;
      // Whole chunks while the frame has time left; a newer index stops the old one's work.
      while (index === target && next < target.tokens.length && deadline.timeRemaining() > 2)
        next = buildTokens(target, next, 500);
      if (index === target) buildInIdleTime(target, next);
    });
  }

  /** Then the filter's caches of each org's list, one org per idle period. */
  function prepareInIdleTime(target: SearchIndex, o = 0) {
    if (o >= target.orgs.length) return;
    globalThis.requestIdleCallback(() => {
      if (index !== target) return;
      prepareList(target, o);
      prepareInIdleTime(target, o + 1);
    });
  }

  const toGroup = (loaded: LoadedGrants | GrantRows): OrgTokens | OrgRows =>
    'tokens' in loaded
      ? { org: loaded.org, tokens: loaded.tokens.map(fromWire) }
      : {
          org: loaded.org,
          names: loaded.names,
          logins: loaded.logins,
          token: (i) => fromWire(loaded.token(i)),
        };

  type CacheRead =
    | { orgs: OrgSummary[]; groups: (OrgTokens | OrgRows)[]; index: SearchIndex; started: number }
    | { error: ReplyError };
  /** Reads are numbered as they start: one that started before the read shown is stale. */
  let readsStarted = 0;
  let shownRead = 0;

  /** Reads and indexes the cache without showing anything of it. */
  async function readCache(): Promise<CacheRead> {
    const started = ++readsStarted;
    try {
      const { orgs, lists } = await deps.readCache();
      benchMark('patrol:popup:read');
      const read = lists.map(toGroup);
      return { orgs, groups: read, index: createSearchIndex(read), started };
    } catch (error) {
      return {
        error: {
          code: 'internal',
          message: `PATrol could not read its cache (${(error as Error).message}). Close and reopen the popup.`,
        },
      };
    }
  }

  function showCache(read: CacheRead): ReplyError | null {
    if ('error' in read) return read.error;
    // A newer read is already shown (a job's end reloaded the cache while "Try again" waited).
    if (read.started < shownRead) return null;
    shownRead = read.started;
    set({ orgs: read.orgs });
    setGroups(read.groups, read.index);
    benchMark('patrol:popup:indexed');
    return null;
  }

  const reloadCache = async () => showCache(await readCache());

  async function init() {
    set({ phase: 'loading', error: null });
    // The cache is read and indexed while settings.get is in flight (the popup is an extension
    // page: the cache is as readable to it now as after the answer). Nothing of it is shown, or
    // kept, unless the answer says PATrol is set up and not locked.
    const cached = readCache();
    const settings = await deps.send('settings.get', {});
    benchMark('patrol:popup:settings');
    if (!settings.ok) return set({ phase: 'error', error: settings.error });
    set({ settings: settings.data });
    if (settings.data.mode === null) return set({ phase: 'ready' });
    // Locked: the cache is neither shown nor searched until the owner unlocks.
    if (settings.data.lock === 'locked' || settings.data.lock === 'setup') return set({ phase: 'ready' });
    const error = showCache(await cached);
    set(error ? { phase: 'error', error } : { phase: 'ready' });
    // "Try again" re-runs init; one follower is enough.
    if (following) return;
    following = true;
    followRevocations(
      deps.watch,
      deps.now,
      (job) => set({ job }),
      () => void reloadCache(),
    );
  }

  function move(delta: number) {
    const { result, active } = get();
    const count = result.hits.length;
    if (count === 0) return;
    set({ active: (active + delta + count) % count });
  }

  function select(i: number) {
    if (i !== get().active && i >= 0 && i < get().result.hits.length) set({ active: i });
  }

  function open(i = get().active) {
    const { result, settings } = get();
    const hit = result.hits[i];
    if (!hit || !settings) return;
    deps.openTab(
      activeTokensUrl(
        settings.webHost,
        hit.org,
        tokenQuery(hit.token.tokenName, hit.token.ownerLogin),
        hit.token.grantId,
      ),
    );
  }

  /** The org's Active tokens page, where the panel runs. */
  function orgUrl(org: string): string | null {
    const settings = get().settings;
    return settings ? activeTokensUrl(settings.webHost, org, '') : null;
  }

  function openOrg(org: string) {
    const url = orgUrl(org);
    if (url) deps.openTab(url);
  }

  const setOrgError = (org: string, message: string | null) =>
    set({ orgErrors: patch(get().orgErrors, org, message) });
  const setLoading = (org: string, progress: LoadProgress | null) =>
    set({ loading: patch(get().loading, org, progress) });

  /** Loads an org afresh, with the worker's pushed progress; resolves to its error message. */
  async function load(org: string): Promise<string | null> {
    setOrgError(org, null);
    setLoading(org, { org, loaded: 0, total: null, running: true });
    const reply = await loadGrants(deps, org, true, (progress) => setLoading(org, progress));
    setLoading(org, null);
    if (!reply.ok) return reply.error.message;
    const same = (name: string) => name.toLowerCase() === reply.data.org.toLowerCase();
    setGroups([...groups.filter((group) => !same(group.org)), toGroup(reply.data)]);
    const list = await deps.send('orgs.list', {});
    if (list.ok) set({ orgs: list.data });
    return null;
  }

  async function refresh(org: string) {
    const message = await load(org);
    if (message) setOrgError(org, message);
  }

  async function remove(org: string) {
    const reply = await deps.send('orgs.remove', { org });
    if (!reply.ok) return setOrgError(org, reply.error.message);
    set({ orgs: reply.data });
    setGroups(groups.filter((group) => group.org.toLowerCase() !== org.toLowerCase()));
  }

  /** Adds an org by login; resolves true once its grants are loaded. */
  async function addOrg(input: string): Promise<boolean> {
    const org = input.trim();
    if (!isOrgLogin(org)) {
      set({
        addError: 'Type an organization login: letters, digits and inner hyphens, up to 39 characters.',
      });
      return false;
    }
    set({ addError: null });
    const message = await load(org);
    set({ addError: message });
    return message === null;
  }

  /** Resolves to the worker's error, or null once unlocked (and the cache is shown). */
  async function unlock(passphrase: string, confirm?: string): Promise<ReplyError | null> {
    const reply = await deps.send('unlock', confirm === undefined ? { passphrase } : { passphrase, confirm });
    if (!reply.ok) return reply.error;
    await init();
    return null;
  }

  return {
    store,
    init,
    unlock,
    setQuery: runSearch,
    move,
    select,
    open,
    orgUrl,
    openOrg,
    refresh,
    remove,
    addOrg,
    openOptions: deps.openOptions,
    now: deps.now,
  };
}

export type PopupController = ReturnType<typeof createPopupStore>;
