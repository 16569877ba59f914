// The SSO credentials tab's store (zustand/vanilla): the org's SAML credential
// authorizations read from the worker in chunks, the filter, the selection, the details, and
// the "Remove authorization" job followed through pushed progress.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Watch } from '../../lib/progress';
import type {
  Input,
  JobItemView,
  JobSummary,
  MessageType,
  Output,
  Reply,
  ReplyError,
} from '../../lib/protocol';
import type { SsoCredential } from '../../lib/sso/credential';
import { ssoCsv, ssoCsvFileName } from '../../lib/sso/csv';
import { compileSsoQuery } from '../../lib/sso/filter';
import { parseSsoQuery, type SsoQuery } from '../../lib/sso/query';
import type { JobFollower } from '../follow-job';
import { followRemovals } from './store-job';

export interface SsoDeps {
  send: <T extends MessageType>(type: T, input: Input<T>) => Promise<Reply<Output<T>>>;
  watch: Watch;
  now: () => number;
}

export type SsoStatus = 'idle' | 'loading' | 'ready' | 'unavailable' | 'locked' | 'not-configured' | 'error';

export interface SsoState {
  org: string;
  status: SsoStatus;
  /** Why there is nothing to list (no SAML, no Administration, GHES), or what went wrong. */
  notice: { kind: string; message: string } | null;
  error: ReplyError | null;
  loadedAt: number | null;
  credentials: SsoCredential[];
  query: string;
  parsed: SsoQuery;
  shown: SsoCredential[];
  selection: ReadonlySet<number>;
  detailsId: number | null;
  dialog: 'closed' | 'confirm';
  job: JobSummary | null;
  outcomes: JobItemView[] | null;
  start(): Promise<void>;
  load(refresh: boolean): Promise<void>;
  setQuery(text: string): void;
  toggle(id: number): void;
  selectAllMatching(on: boolean): void;
  showDetails(id: number | null): void;
  openRemove(): void;
  closeDialog(): void;
  confirmRemove(ids: readonly number[]): Promise<void>;
  retryFailed(): Promise<void>;
  buildExport(): { fileName: string; csv: string };
  dispose(): void;
}

export type SsoStore = StoreApi<SsoState>;

export function createSsoStore(org: string, deps: SsoDeps): SsoStore {
  let follower: JobFollower | null = null;
  let started = false;
  return createStore<SsoState>()((set, get) => {
    const filtered = (credentials: readonly SsoCredential[], parsed: SsoQuery) =>
      credentials.filter(compileSsoQuery(parsed, deps.now()));
    const fail = (error: ReplyError) => {
      if (error.code === 'locked') set({ status: 'locked', error });
      else if (error.code === 'not_configured') set({ status: 'not-configured', error });
      else if (get().status === 'ready') set({ error });
      else set({ status: 'error', error });
    };

    const follow = () => {
      follower ??= followRemovals(deps, org, get, set);
      return follower;
    };

    function adopt(reply: Reply<JobSummary>): void {
      if (!reply.ok) {
        set({ error: reply.error });
        return;
      }
      set({ job: reply.data, outcomes: null, error: null });
      follow().expect(reply.data);
    }

    return {
      org,
      status: 'idle',
      notice: null,
      error: null,
      loadedAt: null,
      credentials: [],
      query: '',
      parsed: parseSsoQuery(''),
      shown: [],
      selection: new Set(),
      detailsId: null,
      dialog: 'closed',
      job: null,
      outcomes: null,
      async start() {
        if (started) return;
        started = true;
        follow();
        await get().load(false);
      },
      async load(refresh) {
        if (get().status !== 'ready') set({ status: 'loading', error: null });
        const meta = await deps.send('sso.load', { org, refresh });
        if (!meta.ok) return fail(meta.error);
        if (meta.data.state !== 'ok') {
          set({ status: 'unavailable', notice: { kind: meta.data.state, message: meta.data.message } });
          return;
        }
        const credentials: SsoCredential[] = [];
        let offset: number | null = 0;
        while (offset !== null) {
          const chunk: Reply<Output<'sso.read'>> = await deps.send('sso.read', {
            org,
            loadedAt: meta.data.loadedAt,
            offset,
          });
          if (!chunk.ok) return fail(chunk.error);
          credentials.push(...chunk.data.credentials);
          offset = chunk.data.next;
        }
        const listed = new Set(credentials.map((c) => c.credentialId));
        const selection = new Set([...get().selection].filter((id) => listed.has(id)));
        set({
          status: 'ready',
          notice: null,
          credentials,
          loadedAt: meta.data.loadedAt,
          selection,
          shown: filtered(credentials, get().parsed),
        });
      },
      setQuery(text) {
        const parsed = parseSsoQuery(text);
        set({ query: text, parsed, shown: filtered(get().credentials, parsed) });
      },
      toggle(id) {
        const selection = new Set(get().selection);
        if (!selection.delete(id)) selection.add(id);
        set({ selection });
      },
      selectAllMatching(on) {
        const selection = new Set(get().selection);
        for (const c of get().shown) {
          if (on) selection.add(c.credentialId);
          else selection.delete(c.credentialId);
        }
        set({ selection });
      },
      showDetails(id) {
        set({ detailsId: id });
      },
      openRemove() {
        const running = get().job && get().job?.phase !== 'done';
        if (get().selection.size > 0 && !running) set({ dialog: 'confirm', error: null });
      },
      closeDialog() {
        set({ dialog: 'closed' });
      },
      async confirmRemove(ids) {
        if (ids.length === 0) return;
        set({ dialog: 'closed', job: null, outcomes: null });
        follow();
        adopt(await deps.send('sso.remove', { org, ids: [...ids] }));
      },
      async retryFailed() {
        const job = get().job;
        if (job) adopt(await deps.send('jobs.retryFailed', { jobId: job.id }));
      },
      buildExport() {
        const { selection, credentials, shown } = get();
        const rows = selection.size > 0 ? credentials.filter((c) => selection.has(c.credentialId)) : shown;
        const now = deps.now();
        return { fileName: ssoCsvFileName(org, now), csv: ssoCsv(rows, org, now) };
      },
      dispose() {
        follower?.stop();
        follower = null;
      },
    };
  });
}
