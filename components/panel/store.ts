// The panel's one store (zustand/vanilla): GitHub's tokens, the filter, the sort, the
// selection and the revocation job. Views subscribe with components/use-store.ts.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { queryNeedsRepositories } from '../../lib/filter/evaluate';
import { parseQuery } from '../../lib/filter/parse';
import { createDeriver } from './derive';
import { NO_ROWS } from './rows';
import { nextSort } from './sort';
import type { Kit, PanelData, PanelDeps, PanelState } from './state';
import { auditActions, parseWithMembership } from './store-audit';
import { changesActions } from './store-changes';
import { exportActions } from './store-export';
import { jobActions } from './store-jobs';
import { loadActions } from './store-load';
import { selectionActions } from './store-selection';

export type { PanelData, PanelDeps, PanelState } from './state';
export type PanelStore = StoreApi<PanelState>;

export function createPanelStore(org: string, deps: PanelDeps): PanelStore {
  const derive = createDeriver(deps.now);
  let disposed = false;
  const initial: PanelData = {
    org,
    status: 'starting',
    error: null,
    progress: null,
    loadedAt: null,
    webHost: 'github.com',
    tokens: [],
    query: '',
    parsed: parseQuery(''),
    sort: null,
    selection: new Set(),
    anchorId: null,
    repositories: new Map(),
    task: null,
    exporting: false,
    job: null,
    jobOutcomes: null,
    jobShown: false,
    dialog: 'closed',
    details: null,
    policies: [],
    members: null,
    memberRoles: null,
    changes: null,
    review: { phase: 'closed', error: null, last: null },
    sorted: [],
    shown: NO_ROWS,
    selectedShown: 0,
  };

  return createStore<PanelState>()((set, get) => {
    // Every change goes through here so the derived rows never lag behind their inputs.
    const update = (partial: Partial<PanelData>): void => {
      if (disposed) return;
      const next = { ...get(), ...partial };
      set({ ...partial, ...derive(next) });
    };
    const kit: Kit = {
      get,
      update,
      org,
      deps,
      disposed: () => disposed,
    };
    const { stopFollowing, ...jobs } = jobActions(kit);
    // `repo:` needs the repository lists of `subset` tokens; the fetch stops once no query needs them.
    const fetchForFilter = () =>
      void get().ensureRepositories(get().tokens, 'Checking repositories', 'filter', () =>
        queryNeedsRepositories(get().parsed),
      );
    kit.fetchForFilter = fetchForFilter;
    const loading = loadActions(kit);
    const audit = auditActions(kit);
    return {
      ...initial,
      ...derive(initial),
      ...loading,
      ...audit,
      async start() {
        await loading.start();
        if (get().status === 'ready') await audit.loadAudit(false);
      },
      async load(refresh) {
        await loading.load(refresh);
        if (refresh && get().status === 'ready') await audit.loadAudit(true);
      },
      ...selectionActions(kit),
      ...changesActions(kit),
      ...exportActions(kit),
      ...jobs,
      setQuery(text) {
        if (text === get().query) return;
        const parsed = parseWithMembership(text, get().members, get().memberRoles);
        update({ query: text, parsed });
        // `repo:` needs the repository lists of `subset` tokens; fetch them once, in chunks.
        if (queryNeedsRepositories(parsed) && get().status === 'ready') fetchForFilter();
      },
      openDetails(grantId) {
        const token = get().tokens.find((t) => t.grantId === grantId);
        if (!token) return;
        update({ details: grantId });
        void get().ensureRepositories([token], 'Fetching repositories', 'details');
      },
      closeDetails() {
        if (get().details !== null) update({ details: null });
      },
      sortBy(key) {
        update({ sort: nextSort(get().sort, key) });
      },
      now: () => deps.now(),
      dispose() {
        disposed = true;
        stopFollowing();
      },
    };
  });
}
