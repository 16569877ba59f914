// The pages' half of pushed progress: follow an org's loads and jobs on a `patrol.progress`
// port. The worker may stop at any time (MV3); the port then closes and is opened again, and
// the worker sends the current state on every (re)connect, so nothing is missed.
import { browser } from 'wxt/browser';
import { PROGRESS_PORT, type ProgressEvent, type ProgressWatch } from './protocol';

export type Watch = (org: string | null, onEvent: (event: ProgressEvent) => void) => () => void;

const RECONNECT_MS = 1_000;

export const watchProgress: Watch = (org, onEvent) => {
  let stopped = false;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  function open(): void {
    if (stopped) return;
    try {
      port = browser.runtime.connect({ name: PROGRESS_PORT });
    } catch {
      retry = setTimeout(open, RECONNECT_MS); // the extension is reloading
      return;
    }
    port.onMessage.addListener((event: unknown) => {
      if (!stopped) onEvent(event as ProgressEvent);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      if (!stopped) retry = setTimeout(open, RECONNECT_MS);
    });
    const watch: ProgressWatch = { watch: { org } };
    port.postMessage(watch);
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    port?.disconnect();
  };
};
