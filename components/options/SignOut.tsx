// "Sign out": enabled only when something is stored; asks first when it would wipe a
// private key (which the owner can only paste again from the .pem file); keeps the
// revocation log unless the owner ticks to clear it too.
import { useState } from 'preact/hooks';
import type { PublicSettings } from '../../lib/protocol';

export function SignOut({
  settings,
  onSignOut,
}: {
  settings: PublicSettings;
  onSignOut: (clearLog: boolean) => Promise<void>;
}) {
  const [clearLog, setClearLog] = useState(false);
  const [asking, setAsking] = useState(false);
  const run = async () => {
    setAsking(false);
    await onSignOut(clearLog);
    setClearLog(false);
  };
  return (
    <>
      <button
        type="button"
        class="btn-danger"
        disabled={!settings.stored}
        onClick={() => (settings.hasPrivateKey ? setAsking(true) : void run())}
      >
        Sign out
      </button>
      <label>
        <input type="checkbox" checked={clearLog} onChange={(e) => setClearLog(e.currentTarget.checked)} />
        Also clear the revocation log
      </label>
      {asking && (
        <div role="alertdialog" aria-labelledby="signout-title" aria-describedby="signout-text">
          <p id="signout-title">
            <strong>Wipe the App private key?</strong>
          </p>
          <p id="signout-text">
            Signing out deletes the stored private key, every cached inventory and finished revocation. To use
            private-key mode again you need the .pem file from the App settings.
          </p>
          <button type="button" class="btn-danger" onClick={() => void run()}>
            Wipe the key and sign out
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      )}
    </>
  );
}
