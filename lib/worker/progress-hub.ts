// Pushed progress: pages open a `patrol.progress` port, say which org they follow, and the
// worker pushes small events (a load's page count, a job's summary) as they happen. Nothing
// polls, and no event carries a list. A page that connects is sent the current state at once,
// so a panel reopened mid-job, or a port re-opened after the worker restarted, catches up.
import { PROGRESS_PORT, type ProgressEvent, type ProgressWatch } from '../protocol';

export interface HubPort {
  name: string;
  sender?: unknown;
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface ProgressHub {
  connect(port: HubPort): Promise<void>;
  publish(event: ProgressEvent): void;
}

interface Watcher {
  port: HubPort;
  /** Lower-cased org, or null for every org. */
  org: string | null;
}

const orgOfEvent = (event: ProgressEvent) => (event.type === 'job' ? event.job.org : event.progress.org);

export function createProgressHub(deps: {
  /** Whether this port's sender may follow progress at all (extension pages, the panel). */
  allowed: (sender: unknown) => Promise<boolean>;
  /** What a new watcher of `org` is sent first. */
  current: (org: string | null) => Promise<ProgressEvent[]>;
}): ProgressHub {
  const watchers = new Set<Watcher>();

  function matches(watcher: Watcher, event: ProgressEvent): boolean {
    return watcher.org === null || watcher.org === orgOfEvent(event).toLowerCase();
  }

  function post(watcher: Watcher, event: ProgressEvent): void {
    try {
      watcher.port.postMessage(event);
    } catch {
      watchers.delete(watcher); // the page went away between two events
    }
  }

  return {
    async connect(port) {
      if (port.name !== PROGRESS_PORT) return;
      // Listen at once: a page posts its watch right after connecting, and a message that
      // arrives before the listener is lost. Nothing is sent back until the sender is checked.
      const allowed = deps.allowed(port.sender);
      port.onDisconnect.addListener(() => {
        for (const watcher of watchers) if (watcher.port === port) watchers.delete(watcher);
      });
      port.onMessage.addListener((raw) => {
        const org = (raw as Partial<ProgressWatch> | null)?.watch?.org;
        if (org !== null && (typeof org !== 'string' || org.length > 39)) return;
        void allowed.then(async (ok) => {
          if (!ok) return;
          const watcher: Watcher = { port, org: org === null ? null : org.toLowerCase() };
          watchers.add(watcher);
          for (const event of await deps.current(watcher.org))
            if (watchers.has(watcher)) post(watcher, event);
        });
      });
      if (!(await allowed)) (port as { disconnect?: () => void }).disconnect?.();
    },
    publish(event) {
      for (const watcher of watchers) if (matches(watcher, event)) post(watcher, event);
    },
  };
}
