// The "SSO credentials" tab (PRODUCT.md "SSO credentials"): the org's SAML credential
// authorizations with their filter, status, selection, CSV and "Remove authorization", and
// the designed states: no SAML, the App lacking "Administration", GHES, locked, errors.
import { useRef } from 'preact/hooks';
import { blobDownload, type Download } from '../download';
import { useSlashFocus } from '../use-slash-focus';
import { useStore } from '../use-store';
import { RemoveDialog } from './RemoveDialog';
import { SsoJob } from './SsoJob';
import { SsoDetails, SsoTable } from './SsoTable';
import type { SsoStore } from './store';

const NOTICE_TITLE: Record<string, string> = {
  no_saml: 'This organization does not use SAML single sign-on',
  no_permission: 'PATrol may not read SSO credentials',
  ghes: 'Not available on GitHub Enterprise Server',
};

function Toolbar({ store, download }: { store: SsoStore; download: Download }) {
  const query = useStore(store, (s) => s.query);
  const errors = useStore(store, (s) => s.parsed.errors);
  const shown = useStore(store, (s) => s.shown);
  const total = useStore(store, (s) => s.credentials.length);
  const selection = useStore(store, (s) => s.selection);
  const running = useStore(store, (s) => s.job !== null && s.job.phase !== 'done');
  const root = useRef<HTMLDivElement>(null);
  const filter = useRef<HTMLInputElement>(null);
  useSlashFocus(filter);
  const allShownSelected = shown.length > 0 && shown.every((c) => selection.has(c.credentialId));
  const status = `${shown.length.toLocaleString()} of ${total.toLocaleString()} credentials${
    selection.size > 0 ? ` · ${selection.size.toLocaleString()} selected` : ''
  }`;
  return (
    <div ref={root}>
      <div class="patrol-filter">
        <input
          ref={filter}
          type="text"
          class="patrol-input"
          aria-label="Filter credentials"
          placeholder="e.g. type:pat scope:admin:org used:>90d"
          spellcheck={false}
          autocomplete="off"
          value={query}
          aria-invalid={errors.length > 0}
          onInput={(event) => store.getState().setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') store.getState().setQuery('');
          }}
        />
        {errors.length > 0 && (
          <ul class="patrol-errors">
            {errors.map((e) => (
              <li key={`${e.start}-${e.message}`}>{e.message}</li>
            ))}
          </ul>
        )}
      </div>
      <div class="patrol-actions">
        <label>
          <input
            type="checkbox"
            checked={allShownSelected}
            onChange={(event) => store.getState().selectAllMatching(event.currentTarget.checked)}
          />{' '}
          Select all matching
        </label>
        <button
          type="button"
          class="patrol-button"
          onClick={() => {
            const { fileName, csv } = store.getState().buildExport();
            if (root.current) download(fileName, csv, root.current);
          }}
        >
          Export CSV
        </button>
        <button
          type="button"
          class="patrol-button patrol-button-danger"
          disabled={selection.size === 0 || running}
          onClick={() => store.getState().openRemove()}
        >
          Remove authorization
        </button>
      </div>
      <p role="status" class="patrol-status">
        {status}
      </p>
    </div>
  );
}

export function SsoTab({ store, download = blobDownload }: { store: SsoStore; download?: Download }) {
  const status = useStore(store, (s) => s.status);
  const notice = useStore(store, (s) => s.notice);
  const error = useStore(store, (s) => s.error);
  const job = useStore(store, (s) => s.job);
  const outcomes = useStore(store, (s) => s.outcomes);
  const total = useStore(store, (s) => s.credentials.length);
  const org = store.getState().org;
  return (
    <section aria-label="SSO credentials" class="patrol patrol-sso">
      {/* Idle: the tab was never opened (PanelTabs starts the load when it is), so nothing loads yet. */}
      {status === 'loading' && (
        <div role="status">
          <progress aria-label="Loading SSO credentials" />
          <p class="patrol-muted">Loading SSO credentials…</p>
        </div>
      )}
      {status === 'unavailable' && notice && (
        <div class="patrol-state">
          <h3>{NOTICE_TITLE[notice.kind] ?? 'No SSO credentials'}</h3>
          <p>{notice.message}</p>
          <button type="button" class="patrol-button" onClick={() => void store.getState().load(true)}>
            Check again
          </button>
        </div>
      )}
      {status === 'locked' && (
        <p role="alert">PATrol is locked. Unlock it on the "Fine-grained tokens" tab.</p>
      )}
      {status === 'not-configured' && <p role="alert">{error?.message}</p>}
      {status === 'error' && (
        <div role="alert">
          <p>{error?.message}</p>
          <button type="button" class="patrol-button" onClick={() => void store.getState().load(true)}>
            Try again
          </button>
        </div>
      )}
      {status === 'ready' && (
        <>
          {error && (
            <p class="patrol-banner" role="alert">
              {error.message}
            </p>
          )}
          {job && (
            <SsoJob job={job} outcomes={outcomes} onRetry={() => void store.getState().retryFailed()} />
          )}
          {total === 0 ? (
            <p>No SSO credentials are authorized for {org}.</p>
          ) : (
            <>
              <Toolbar store={store} download={download} />
              <SsoTable store={store} />
              <SsoDetails store={store} />
            </>
          )}
          <button type="button" class="patrol-button" onClick={() => void store.getState().load(true)}>
            Reload credentials
          </button>
        </>
      )}
      <RemoveDialog store={store} />
    </section>
  );
}
