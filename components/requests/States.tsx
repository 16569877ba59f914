// The requests panel's designed states: each says what is going on and what to do.
import { LockScreen } from '../LockScreen';
import { useStore } from '../use-store';
import type { RequestsStore } from './store';

// GitHub's own words for the level (the worker's messages use them too); kept on one line.
const READ_AND_WRITE = '"Read and write"';

export function MissingPermission({ store }: { store: RequestsStore }) {
  const error = useStore(store, (s) => s.error);
  return (
    <div class="patrol-state" role="alert">
      <h3>PATrol may not read this organization's token requests</h3>
      <p>{error?.message}</p>
      <p>
        Listing needs that permission at "Read"; approving and denying needs {READ_AND_WRITE}. The Active
        tokens panel keeps working without it.
      </p>
      <button type="button" class="patrol-button" onClick={() => void store.getState().start()}>
        Try again
      </button>
    </div>
  );
}

export function NoRequests({ org }: { org: string }) {
  return (
    <div class="patrol-state">
      <h3>No pending requests</h3>
      <p>
        Nobody is waiting for access to <bdi>{org}</bdi> with a fine-grained token right now.
      </p>
      <p>
        If <bdi>{org}</bdi> does not require approval of fine-grained tokens, none will ever wait here: tokens
        get access as soon as they are created, and appear on Active tokens. To review them first, an owner
        turns on "Require administrator approval" under Organization settings → Personal access tokens →
        Settings.
      </p>
    </div>
  );
}

export function RequestsError({ store }: { store: RequestsStore }) {
  const error = useStore(store, (s) => s.error);
  return (
    <div class="patrol-state" role="alert">
      <h3>PATrol could not load the requests</h3>
      <p>{error?.message ?? 'Something went wrong.'}</p>
      {error?.retryAt ? (
        <p>GitHub allows another try after {new Date(error.retryAt).toLocaleTimeString()}.</p>
      ) : null}
      <button type="button" class="patrol-button" onClick={() => void store.getState().start()}>
        Try again
      </button>
    </div>
  );
}

export function RequestsLocked({ store }: { store: RequestsStore }) {
  const lock = useStore(store, (s) => s.lock ?? 'locked');
  return (
    <LockScreen
      lock={lock}
      onUnlock={(passphrase, confirm) => store.getState().unlock(passphrase, confirm)}
      classes={{ root: 'patrol-state', button: 'patrol-button' }}
    />
  );
}
