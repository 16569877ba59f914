// The PATrol panel above GitHub's Pending requests list (PRODUCT.md "Pending requests"),
// rendered by entrypoints/requests-panel/ in the frame the content script places there.
import { useId, useRef } from 'preact/hooks';
import { blobDownload, type Download } from '../download';
import { NotConfigured } from '../panel/States';
import { useSlashFocus } from '../use-slash-focus';
import { useStore } from '../use-store';
import { RequestDetails } from './RequestDetails';
import { RequestsTable } from './RequestsTable';
import { ReviewDialog } from './ReviewDialog';
import { ReviewStatus } from './ReviewStatus';
import { MissingPermission, NoRequests, RequestsError, RequestsLocked } from './States';
import type { RequestsStore } from './store';

export interface RequestsPanelProps {
  store: RequestsStore;
  download?: Download;
  onOpenOptions?: () => void;
}

function FilterBox({ store }: { store: RequestsStore }) {
  const query = useStore(store, (s) => s.query);
  const errors = useStore(store, (s) => s.parsed.errors);
  const errorsId = useId();
  const input = useRef<HTMLInputElement>(null);
  useSlashFocus(input);
  return (
    <div class="patrol-filter">
      <input
        ref={input}
        type="search"
        class="patrol-input"
        aria-label="Filter requests"
        aria-describedby={errors.length ? errorsId : undefined}
        placeholder="Filter requests: reason:release requested:<7d risk:high owner:alice"
        spellcheck={false}
        value={query}
        onInput={(event) => store.getState().setQuery(event.currentTarget.value)}
        onKeyDown={(event) => event.key === 'Escape' && store.getState().setQuery('')}
      />
      {errors.length > 0 && (
        <ul id={errorsId} class="patrol-errors">
          {errors.map((e) => (
            <li key={`${e.start}-${e.message}`}>{e.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Toolbar({ store, download }: { store: RequestsStore; download: Download }) {
  const shown = useStore(store, (s) => s.shown.length);
  const total = useStore(store, (s) => s.requests.length);
  const selected = useStore(store, (s) => s.selection.size);
  const allMatching = useStore(
    store,
    (s) => s.shown.length > 0 && s.shown.every((r) => s.selection.has(r.grantId)),
  );
  const busy = useStore(store, (s) => s.job !== null && s.job.phase !== 'done');
  const { toggleAllMatching, openReview, buildExport } = store.getState();
  return (
    <div class="patrol-actions">
      <label class="patrol-select">
        <input type="checkbox" checked={allMatching} onChange={toggleAllMatching} /> Select all matching
      </label>
      <button
        type="button"
        class="patrol-button"
        disabled={selected === 0 || busy}
        onClick={() => openReview('approve')}
      >
        Approve selected
      </button>
      <button
        type="button"
        class="patrol-button patrol-button-danger"
        disabled={selected === 0 || busy}
        onClick={() => openReview('deny')}
      >
        Deny selected
      </button>
      <button
        type="button"
        class="patrol-button"
        onClick={async (event) => {
          const parent = event.currentTarget.parentElement ?? document.body;
          const file = await buildExport();
          if (file) download(file.fileName, file.csv, parent);
        }}
      >
        Export CSV
      </button>
      <p class="patrol-status" role="status">
        {shown} of {total} requests{selected > 0 ? ` · ${selected} selected` : ''}
      </p>
    </div>
  );
}

function InlineJob({ store }: { store: RequestsStore }) {
  const job = useStore(store, (s) => s.job);
  const outcomes = useStore(store, (s) => s.jobOutcomes);
  const shown = useStore(store, (s) => s.jobShown && s.dialog === 'closed');
  if (!job || !shown) return null;
  return (
    <section class="patrol-inline-job" aria-label="Review" aria-live="polite">
      <ReviewStatus job={job} outcomes={outcomes} onRetry={() => void store.getState().retryFailed()} />
      {job.phase === 'done' && (
        <button type="button" class="patrol-link" onClick={() => store.getState().dismissJob()}>
          Dismiss
        </button>
      )}
    </section>
  );
}

function Ready({ store, download }: { store: RequestsStore; download: Download }) {
  const total = useStore(store, (s) => s.requests.length);
  const error = useStore(store, (s) => s.error);
  return (
    <>
      {error && (
        <p class="patrol-banner" role="alert">
          {error.message}
        </p>
      )}
      <InlineJob store={store} />
      {total === 0 ? (
        <NoRequests org={store.getState().org} />
      ) : (
        <>
          <FilterBox store={store} />
          <Toolbar store={store} download={download} />
          <RequestsTable store={store} />
        </>
      )}
    </>
  );
}

export function RequestsPanel({ store, download = blobDownload, onOpenOptions }: RequestsPanelProps) {
  const status = useStore(store, (s) => s.status);
  const loading = useStore(store, (s) => s.loading);
  const loadedAt = useStore(store, (s) => s.loadedAt);
  return (
    <section aria-label="PATrol" class="patrol">
      <header class="patrol-header">
        <h2 class="patrol-title">PATrol · Pending requests</h2>
        {loadedAt !== null && (
          <span class="patrol-muted">
            Loaded{' '}
            <time dateTime={new Date(loadedAt).toISOString()}>{new Date(loadedAt).toLocaleString()}</time>
          </span>
        )}
        {status === 'ready' && (
          <button
            type="button"
            class="patrol-button"
            disabled={loading}
            onClick={() => void store.getState().load(true)}
          >
            Reload
          </button>
        )}
      </header>
      {loading && <progress class="patrol-progress" aria-label="Loading requests" />}
      {status === 'starting' && <p class="patrol-muted">Starting…</p>}
      {status === 'not-configured' && <NotConfigured onOpenOptions={onOpenOptions} />}
      {status === 'locked' && <RequestsLocked store={store} />}
      {status === 'missing-permission' && <MissingPermission store={store} />}
      {status === 'error' && <RequestsError store={store} />}
      {status === 'ready' && <Ready store={store} download={download} />}
      <ReviewDialog store={store} />
      <RequestDetails store={store} />
    </section>
  );
}
