// The requests panel's designed states: each says what is going on and what to do.
import { FailedState, LockedState } from '../StateViews';
import type { RequestsStore } from './store';

// GitHub's own words for the level (the worker's messages use them too); kept on one line.
const READ_AND_WRITE = '"Read and write"';

export function MissingPermission({ store }: { store: RequestsStore }) {
  return (
    <FailedState store={store} title="PATrol may not read this organization's token requests" heading="h3">
      <p>
        Listing needs that permission at "Read"; approving and denying needs {READ_AND_WRITE}. The Active
        tokens panel keeps working without it.
      </p>
    </FailedState>
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
  return <FailedState store={store} title="PATrol could not load the requests" heading="h3" />;
}

export function RequestsLocked({ store }: { store: RequestsStore }) {
  return <LockedState store={store} />;
}
