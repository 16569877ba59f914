// The PATrol panel above GitHub's Active tokens list (PRODUCT.md "The panel"), rendered by the
// panel page (entrypoints/panel/) in the frame the content script places there.

import { blobDownload, type Download } from '../download';
import { useStore } from '../use-store';
import { Actions } from './Actions';
import { Facets } from './Facets';
import { FilterBox } from './FilterBox';
import { JobStatus } from './JobStatus';
import { RevokeDialog } from './RevokeDialog';
import { EmptyState, ErrorState, LoadProgress, Locked, NoMatch, NotConfigured } from './States';
import { StatusLine } from './StatusLine';
import { Summary } from './Summary';
import type { PanelStore } from './store';
import { TokenDetails } from './TokenDetails';
import { TokenTable } from './TokenTable';

export interface PanelProps {
  store: PanelStore;
  download?: Download;
  /** The table's height when layout reports none (tests); the page's CSS sets the real one. */
  viewportHeight?: number;
  /** Opens PATrol's options page, for the not-configured state (the panel page asks the worker: options.open). */
  onOpenOptions?: () => void;
}

function Header({ store }: { store: PanelStore }) {
  const loadedAt = useStore(store, (s) => s.loadedAt);
  const status = useStore(store, (s) => s.status);
  const loading = useStore(store, (s) => s.progress !== null);
  return (
    <header class="patrol-header">
      <h1 class="patrol-title">PATrol</h1>
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
  );
}

function InlineJob({ store }: { store: PanelStore }) {
  const job = useStore(store, (s) => s.job);
  const outcomes = useStore(store, (s) => s.jobOutcomes);
  const shown = useStore(store, (s) => s.jobShown && s.dialog === 'closed');
  if (!job || !shown) return null;
  return (
    // Focusable (not in the tab order) so focus can land on the outcome when the dialog closes.
    <section class="patrol-inline-job" aria-label="Revocation" tabIndex={-1} data-focus-after-dialog>
      <JobStatus job={job} outcomes={outcomes} onRetry={() => void store.getState().retryFailed()} />
      {job.phase === 'done' && (
        <button type="button" class="patrol-link" onClick={() => store.getState().dismissJob()}>
          Dismiss
        </button>
      )}
    </section>
  );
}

/** "No tokens match" over the table's empty body: its own component, so a keystroke that
 * empties the table (or fills it again) renders this, not the whole panel. */
function NoMatchOverTable({ store }: { store: PanelStore }) {
  const none = useStore(store, (s) => s.shown.length === 0);
  return none ? <NoMatch store={store} /> : null;
}

function Ready({ store, download, viewportHeight }: Required<Omit<PanelProps, 'onOpenOptions'>>) {
  const total = useStore(store, (s) => s.tokens.length);
  const error = useStore(store, (s) => s.error);
  return (
    <>
      <LoadProgress store={store} />
      {error && (
        <p class="patrol-banner" role="alert">
          {error.message}
        </p>
      )}
      <InlineJob store={store} />
      {total === 0 ? (
        <EmptyState org={store.getState().org} />
      ) : (
        <>
          <Summary store={store} />
          <FilterBox store={store} />
          <Facets store={store} />
          <Actions store={store} download={download} />
          <StatusLine store={store} />
          <TokenDetails store={store} />
          {/* The table stays when nothing matches, the message over its empty body: the frame's
              height must not tell the page whether a query matched (tests/e2e/attack.spec.ts). */}
          <div class="patrol-table-wrap">
            <TokenTable store={store} viewportHeight={viewportHeight} />
            <NoMatchOverTable store={store} />
          </div>
        </>
      )}
    </>
  );
}

export function Panel({ store, download = blobDownload, viewportHeight = 480, onOpenOptions }: PanelProps) {
  const status = useStore(store, (s) => s.status);
  return (
    <section aria-label="PATrol" class="patrol">
      <Header store={store} />
      {status === 'starting' && <p class="patrol-muted">Starting…</p>}
      {status === 'not-configured' && <NotConfigured onOpenOptions={onOpenOptions} />}
      {status === 'locked' && <Locked store={store} />}
      {status === 'loading' && <LoadProgress store={store} />}
      {status === 'error' && <ErrorState store={store} />}
      {status === 'ready' && <Ready store={store} download={download} viewportHeight={viewportHeight} />}
      <RevokeDialog store={store} />
    </section>
  );
}
