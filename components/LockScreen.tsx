// "PATrol is locked": the same few controls on every surface (options, popup, panel). The
// passphrase goes to the worker in one `unlock` message and is kept nowhere in the page.
import { useState } from 'preact/hooks';
import type { LockState, ReplyError } from '../lib/protocol';

export interface LockScreenProps {
  lock: Extract<LockState, 'locked' | 'setup'>;
  /** Resolves to the worker's error, or null once unlocked. */
  onUnlock: (passphrase: string, confirm?: string) => Promise<ReplyError | null>;
  /** Class names of the surface's own styles. */
  classes?: { root?: string; button?: string };
}

export function LockScreen({ lock, onUnlock, classes = {} }: LockScreenProps) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setup = lock === 'setup';

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const failed = await onUnlock(passphrase, setup ? confirm : undefined);
    setBusy(false);
    setPassphrase('');
    setConfirm('');
    if (failed) setError(failed.message);
  };

  return (
    <form class={classes.root ?? 'lock'} aria-labelledby="patrol-locked" onSubmit={(e) => void submit(e)}>
      <h2 id="patrol-locked">PATrol is locked</h2>
      <p>
        {setup
          ? 'PATrol now protects the stored GitHub credential with a passphrase. Choose one (at least 8 characters) and type it twice; you will type it once each time the browser starts.'
          : 'Type your PATrol passphrase to use the stored GitHub credential for this browser session.'}
      </p>
      <label for="patrol-unlock-passphrase">Passphrase</label>
      <input
        id="patrol-unlock-passphrase"
        type="password"
        autoComplete={setup ? 'new-password' : 'current-password'}
        value={passphrase}
        onInput={(e) => setPassphrase(e.currentTarget.value)}
      />
      {setup && (
        <>
          <label for="patrol-unlock-confirm">Confirm passphrase</label>
          <input
            id="patrol-unlock-confirm"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
        </>
      )}
      <button type="submit" class={classes.button} disabled={busy || passphrase === ''}>
        Unlock
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
