// Designed states that the panel and the requests tab share: a load that failed (with what to
// do next) and the lock screen. Each surface passes its words and heading level; the views
// read the surface's store, so that every surface says the same thing the same way.
import type { ComponentChildren } from 'preact';
import type { StoreApi } from 'zustand/vanilla';
import type { ReplyError } from '../lib/protocol';
import { LockScreen } from './LockScreen';
import { useStore } from './use-store';

/** What these views need of a surface's store. */
export interface StateStore {
  error: ReplyError | null;
  lock?: 'locked' | 'setup';
  start(): Promise<void>;
  unlock(passphrase: string, confirm?: string): Promise<ReplyError | null>;
}

/** The store's error as an alert: `title`, GitHub's message, when to try again, `children`, "Try again". */
export function FailedState<S extends StateStore>({
  store,
  title,
  heading,
  children,
}: {
  store: StoreApi<S>;
  title: string;
  /** The level under the surface's own headings. */
  heading: 'h2' | 'h3';
  /** What the owner can do about it, under the message. */
  children?: ComponentChildren;
}) {
  const error = useStore(store, (s) => s.error);
  return (
    <div class="patrol-state" role="alert">
      {heading === 'h2' ? <h2>{title}</h2> : <h3>{title}</h3>}
      <p>{error?.message ?? 'Something went wrong.'}</p>
      {error?.retryAt ? (
        <p>GitHub allows another try after {new Date(error.retryAt).toLocaleTimeString()}.</p>
      ) : null}
      {children}
      <button type="button" class="patrol-button" onClick={() => void store.getState().start()}>
        Try again
      </button>
    </div>
  );
}

/** "PATrol is locked", unlocking through the store. */
export function LockedState<S extends StateStore>({ store }: { store: StoreApi<S> }) {
  const lock = useStore(store, (s) => s.lock ?? 'locked');
  return (
    <LockScreen
      lock={lock}
      onUnlock={(passphrase, confirm) => store.getState().unlock(passphrase, confirm)}
      classes={{ root: 'patrol-state', button: 'patrol-button' }}
    />
  );
}
