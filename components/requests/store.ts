// The requests panel's one store (zustand/vanilla): the org's pending requests, the filter,
// the selection, the details, and the review job. Views subscribe with components/use-store.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { filterTokens, queryNeedsRepositories } from '../../lib/filter/evaluate';
import { MEMBERS_PANEL_ONLY, withMembership } from '../../lib/filter/member';
import { parseQuery } from '../../lib/filter/parse';
import { withoutReview } from '../../lib/filter/review-terms';
import type { Reply, RequestsChunk } from '../../lib/protocol';
import { requestsCsv, requestsCsvFileName } from '../../lib/requests-csv';
import { requestFromWire, type TokenRequest } from '../../lib/token-requests';
import type { RequestsData, RequestsDeps, RequestsState } from './state';
import { reviewActions } from './store-review';

export type { RequestsDeps, RequestsState } from './state';
export type RequestsStore = StoreApi<RequestsState>;

const REPOSITORY_CHUNK = 100;

/** The whole cached list, read a chunk at a time. */
async function readAll(deps: RequestsDeps, org: string, loadedAt: number): Promise<Reply<TokenRequest[]>> {
  const out: TokenRequest[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const reply: Reply<RequestsChunk> = await deps.send('requests.read', { org, loadedAt, offset });
    if (!reply.ok) return reply;
    out.push(...reply.data.requests.map(requestFromWire));
    offset = reply.data.next;
  }
  return { ok: true, data: out };
}

export function createRequestsStore(org: string, deps: RequestsDeps): RequestsStore {
  let disposed = false;
  let generation = 0;
  const initial: RequestsData = {
    org,
    status: 'starting',
    error: null,
    loading: false,
    loadedAt: null,
    requests: [],
    query: '',
    parsed: parseQuery(''),
    shown: [],
    selection: new Set(),
    anchorId: null,
    repositories: new Map(),
    details: null,
    dialog: 'closed',
    job: null,
    jobOutcomes: null,
    jobShown: false,
  };

  return createStore<RequestsState>()((set, get) => {
    const update = (partial: Partial<RequestsData>): void => {
      if (disposed) return;
      const next = { ...get(), ...partial };
      const refilter =
        'requests' in partial ||
        'parsed' in partial ||
        ('selection' in partial && next.parsed.terms.some((t) => t.type === 'is' && t.value === 'selected'));
      const shown = refilter
        ? filterTokens(next.requests, next.parsed, {
            now: deps.now(),
            selected: next.selection,
            repositories: next.repositories,
            org,
          })
        : next.shown;
      set({ ...partial, shown: shown as TokenRequest[] });
    };
    const review = reviewActions(get, update, deps, org);

    async function load(refresh: boolean): Promise<void> {
      const mine = ++generation;
      const had = get().status === 'ready';
      update({ loading: true, status: had ? 'ready' : 'loading', error: null });
      const meta = await deps.send('requests.load', { org, refresh });
      const read = meta.ok ? await readAll(deps, org, meta.data.loadedAt) : meta;
      if (mine !== generation) return;
      if (!read.ok || !meta.ok) {
        const error = read.ok ? (meta.ok ? null : meta.error) : read.error;
        const code = error?.code;
        const status =
          code === 'locked'
            ? 'locked'
            : code === 'not_configured'
              ? 'not-configured'
              : code === 'missing_permission'
                ? 'missing-permission'
                : had
                  ? 'ready'
                  : 'error';
        update({ loading: false, status, error, ...(code === 'locked' ? { lock: 'locked' as const } : {}) });
        return;
      }
      const live = new Set(read.data.map((r) => r.grantId));
      update({
        requests: read.data,
        selection: new Set([...get().selection].filter((id) => live.has(id))),
        loadedAt: meta.data.loadedAt,
        loading: false,
        status: 'ready',
        error: null,
      });
    }

    async function ensureRepositories(ids: readonly number[]): Promise<boolean> {
      const byId = new Map(get().requests.map((r) => [r.grantId, r]));
      const wanted = ids.filter(
        (id) => byId.get(id)?.repositorySelection === 'subset' && !get().repositories.has(id),
      );
      for (let i = 0; i < wanted.length; i += REPOSITORY_CHUNK) {
        const requestIds = wanted.slice(i, i + REPOSITORY_CHUNK);
        const reply = await deps.send('requests.repositories', { org, requestIds });
        if (!reply.ok) {
          update({ error: reply.error });
          return false;
        }
        const next = new Map(get().repositories);
        for (const [id, names] of Object.entries(reply.data)) next.set(Number(id), names);
        update({
          repositories: next,
          ...(queryNeedsRepositories(get().parsed) ? { parsed: get().parsed } : {}),
        });
      }
      return true;
    }

    return {
      ...initial,
      ...review,
      load,
      ensureRepositories,
      async start() {
        const settings = await deps.send('settings.get', {});
        if (!settings.ok) return update({ status: 'error', error: settings.error });
        if (settings.data.mode === null) return update({ status: 'not-configured', error: null });
        if (settings.data.lock === 'locked' || settings.data.lock === 'setup') {
          return update({ status: 'locked', lock: settings.data.lock, error: null });
        }
        review.follow();
        // Requests change by the hour: always ask GitHub when the panel opens.
        await load(true);
      },
      async unlock(passphrase, confirm) {
        const reply = await deps.send(
          'unlock',
          confirm === undefined ? { passphrase } : { passphrase, confirm },
        );
        if (!reply.ok) return reply.error;
        await get().start();
        return null;
      },
      setQuery(text) {
        if (text === get().query) return;
        // Membership is read for the Active tokens panel only: member: says so here.
        const parsed = withoutReview(withMembership(parseQuery(text), null, MEMBERS_PANEL_ONLY));
        update({ query: text, parsed });
        if (queryNeedsRepositories(parsed)) void ensureRepositories(get().requests.map((r) => r.grantId));
      },
      clickRow(id, shift) {
        const { selection, anchorId, shown } = get();
        const next = new Set(selection);
        const on = !selection.has(id);
        const from = shift && anchorId !== null ? shown.findIndex((r) => r.grantId === anchorId) : -1;
        const to = shown.findIndex((r) => r.grantId === id);
        if (from >= 0 && to >= 0) {
          for (const r of shown.slice(Math.min(from, to), Math.max(from, to) + 1)) {
            if (on) next.add(r.grantId);
            else next.delete(r.grantId);
          }
        } else if (on) next.add(id);
        else next.delete(id);
        update({ selection: next, anchorId: id });
      },
      toggleAllMatching() {
        const { shown, selection } = get();
        const all = shown.length > 0 && shown.every((r) => selection.has(r.grantId));
        const next = new Set(selection);
        for (const r of shown) {
          if (all) next.delete(r.grantId);
          else next.add(r.grantId);
        }
        update({ selection: next });
      },
      openDetails(id) {
        update({ details: id });
        if (id !== null) void ensureRepositories([id]);
      },
      async buildExport() {
        const { requests, selection, shown } = get();
        const rows = selection.size > 0 ? requests.filter((r) => selection.has(r.grantId)) : shown;
        if (!(await ensureRepositories(rows.map((r) => r.grantId)))) return null;
        const repos = get().repositories;
        const csv = requestsCsv(
          rows.map((request) => ({ request, repositories: repos.get(request.grantId) ?? null })),
          org,
          deps.now(),
        );
        return { fileName: requestsCsvFileName(org, deps.now()), csv };
      },
      now: () => deps.now(),
      dispose() {
        disposed = true;
        review.stop();
      },
    };
  });
}
