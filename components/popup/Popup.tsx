// The popup: quick search over every cached org, the org list, and any revocation in
// flight. Each state (loading, error, not configured, nothing loaded) says what to do next.
import type { ErrorCode } from '../../lib/protocol';
import { LockScreen } from '../LockScreen';
import { useStore } from '../use-store';
import { Orgs } from './Orgs';
import { Revocation } from './Revocation';
import { Search } from './Search';
import type { PopupController } from './store';
import { WatchCounts, type WatchCountsDeps } from './WatchCounts';

// The worker's messages say what went wrong; these say what the owner can do about it.
const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  not_configured: 'Open the settings to add your GitHub App credentials.',
  locked: 'Unlock PATrol with your passphrase, then try again.',
  offline: 'Check your network connection, then try again.',
  internal: 'Try again; if it persists, reload the extension from the browser’s extensions page.',
};

function ErrorState({ controller }: { controller: PopupController }) {
  const error = useStore(controller.store, (s) => s.error);
  if (!error) return null;
  return (
    <div class="state" role="alert">
      <p class="error">{error.message}</p>
      <p class="help">{NEXT_STEP[error.code] ?? 'Try again, or check the settings.'}</p>
      <div class="actions">
        <button type="button" onClick={() => void controller.init()}>
          Try again
        </button>
        <button type="button" onClick={controller.openOptions}>
          Open settings
        </button>
      </div>
    </div>
  );
}

function NotConfigured({ controller }: { controller: PopupController }) {
  return (
    <div class="state">
      <p>PATrol is not set up yet.</p>
      <p class="help">Add your organization’s GitHub App credentials in the settings to audit its tokens.</p>
      <button type="button" class="primary" onClick={controller.openOptions}>
        Open settings
      </button>
    </div>
  );
}

function NothingLoaded() {
  return (
    <div class="state">
      <p>No organization loaded yet.</p>
      <p class="help">
        Open an organization’s Active tokens page on GitHub (Settings → Personal access tokens → Active
        tokens), or add an organization below; its tokens then become searchable here.
      </p>
    </div>
  );
}

export function Popup({ controller, watch }: { controller: PopupController; watch?: WatchCountsDeps }) {
  const phase = useStore(controller.store, (s) => s.phase);
  const configured = useStore(controller.store, (s) => s.settings !== null && s.settings.mode !== null);
  const hasOrgs = useStore(controller.store, (s) => s.orgs.length > 0);
  const lock = useStore(controller.store, (s) => s.settings?.lock);
  const locked = configured && (lock === 'locked' || lock === 'setup');
  return (
    <main class="popup">
      <header>
        <h1>PATrol</h1>
      </header>
      {phase === 'loading' && (
        <p class="help" role="status">
          Loading cached tokens…
        </p>
      )}
      {phase === 'error' && <ErrorState controller={controller} />}
      {phase === 'ready' && !configured && <NotConfigured controller={controller} />}
      {phase === 'ready' && locked && (
        <LockScreen
          lock={lock as 'locked' | 'setup'}
          onUnlock={controller.unlock}
          classes={{ root: 'state' }}
        />
      )}
      {phase === 'ready' && configured && !locked && (
        <>
          <Revocation controller={controller} />
          <Search controller={controller} />
          {!hasOrgs && <NothingLoaded />}
          {watch && <WatchCounts deps={watch} />}
          <Orgs controller={controller} />
        </>
      )}
    </main>
  );
}
