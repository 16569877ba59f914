// The options page's daily watch: "Check my organizations daily", "Notify me when this grows"
// (the `notifications` permission is asked for at that tick, never at install) and "Check now".
// The worker does the checking (lib/worker/watch.ts); this shows what its last check found.
import { useEffect, useState } from 'preact/hooks';
import type { send as sendMessage } from '../../lib/messaging';
import { countOf } from '../../lib/plural';
import type { WatchSettings, WatchState } from '../../lib/watch-state';

export interface WatchDeps {
  send: typeof sendMessage;
  readSettings(): Promise<WatchSettings>;
  readState(): Promise<WatchState>;
  /** Calls back on every change of the stored state; returns the unsubscribe. */
  onState(callback: (state: WatchState) => void): () => void;
  /** Asks the browser for `notifications` (must run in the click); resolves whether granted. */
  requestNotifications(): Promise<boolean>;
}

/** The last check in one sentence, with what to do when it could not count. */
export function watchSummary(state: WatchState | null): string {
  if (!state) return '';
  if (state.running)
    return `Checking ${state.running.done.length + 1} of ${state.running.orgs.length} organizations…`;
  if (state.locked) return 'Not checked: PATrol is locked. Unlock it above, then press Check now.';
  const last = state.last;
  if (!last) return 'Not checked yet.';
  const when = new Date(last.finishedAt).toLocaleString();
  if (last.orgs.length === 0)
    return `Checked ${when}: no organizations yet. Open an organization's Active tokens page first.`;
  const failed = last.orgs.filter((o) => !o.ok);
  if (last.total === null) {
    return `Checked ${when}, but: ${failed.map((o) => (o.ok ? '' : `${o.org}: ${o.error.message}`)).join(' ')}`;
  }
  return `Checked ${when}: ${countOf(last.total, 'token')} match a policy or are new since review.`;
}

export function Watch({ deps }: { deps: WatchDeps }) {
  const [settings, setSettings] = useState<WatchSettings | null>(null);
  const [state, setState] = useState<WatchState | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    void deps.readSettings().then(setSettings);
    void deps.readState().then(setState);
    return deps.onState(setState);
  }, [deps]);

  const configure = async (next: WatchSettings) => {
    const reply = await deps.send('watch.configure', next);
    if (reply.ok) setSettings(reply.data);
    setMessage(reply.ok ? null : reply.error.message);
  };
  const onNotify = (checked: boolean) => {
    if (!settings) return;
    if (!checked) return void configure({ ...settings, notify: false });
    // Asked inside the click: the browser refuses a permission prompt that is not.
    void deps.requestNotifications().then((granted) => {
      if (granted) return configure({ ...settings, notify: true });
      setMessage(
        'PATrol cannot notify you without the notifications permission. Tick the box again and allow it.',
      );
    });
  };
  const onCheck = async () => {
    setChecking(true);
    const reply = await deps.send('watch.check', {});
    setChecking(false);
    if (reply.ok) setState(reply.data);
    setMessage(reply.ok ? null : reply.error.message);
  };

  return (
    <section aria-labelledby="watch-heading" class="options-section">
      <h2 id="watch-heading">Watch</h2>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={settings?.daily ?? false}
          disabled={!settings}
          onChange={(e) => settings && void configure({ ...settings, daily: e.currentTarget.checked })}
        />
        Check my organizations daily
      </label>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={settings?.notify ?? false}
          disabled={!settings}
          onChange={(e) => onNotify(e.currentTarget.checked)}
        />
        Notify me when this grows
      </label>
      <p class="help">
        Every known organization is reloaded (unchanged lists cost no rate limit) and the toolbar badge counts
        the tokens that match a policy or are new since the last review.
      </p>
      <button type="button" disabled={checking || Boolean(state?.running)} onClick={() => void onCheck()}>
        Check now
      </button>
      <p role="status" aria-label="Watch status">
        {checking && !state?.running ? 'Checking…' : watchSummary(state)}
      </p>
      {message && (
        <p role="alert" class="error">
          {message}
        </p>
      )}
    </section>
  );
}
