// The one fake worker for component tests: a `send` that answers from handlers (and records
// every call), a `watch` that delivers the progress events a test pushes, and the handlers of
// a configured org whose cached list is read in chunks, as the real worker serves it.
import type { send as realSend } from '../../lib/messaging';
import type { Watch } from '../../lib/progress';
import type {
  Input,
  JobSummary,
  MessageType,
  Output,
  ProgressEvent,
  PublicSettings,
  ReplyError,
} from '../../lib/protocol';
import type { WireToken } from '../../lib/tokens';

/** Returned by a fake handler to make the reply an error. */
export class Fail {
  constructor(readonly error: ReplyError) {}
}

export const fail = (code: ReplyError['code'], message: string) => new Fail({ code, message });

type Handler<T extends MessageType> = (input: Input<T>) => Output<T> | Fail | Promise<Output<T> | Fail>;
export type Handlers = { [T in MessageType]?: Handler<T> };

export interface Call {
  type: MessageType;
  input: unknown;
}

export const SETTINGS: PublicSettings = {
  mode: 'private-key',
  clientId: 'Iv1.abc',
  apiBaseUrl: 'https://api.github.com',
  webHost: 'github.com',
  hasPrivateKey: true,
  signedInAs: null,
  secretStorage: 'passphrase',
  lock: 'open',
  stored: true,
};

export function fakeSend(handlers: Handlers): { send: typeof realSend; calls: Call[] } {
  const calls: Call[] = [];
  const send = async (type: MessageType, input: unknown) => {
    calls.push({ type, input });
    const handler = handlers[type] as ((input: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { code: 'internal', message: `No fake for ${type}` } };
    const out = await handler(input);
    return out instanceof Fail ? { ok: false, error: out.error } : { ok: true, data: out };
  };
  return { send: send as typeof realSend, calls };
}

export interface FakeWatch {
  watch: Watch;
  /** Delivers an event to every watcher of its org (and to those watching every org). */
  push(event: ProgressEvent): void;
  /** The orgs watched right now (null: every org). */
  watching(): (string | null)[];
}

export function fakeWatch(initial: (org: string | null) => ProgressEvent[] = () => []): FakeWatch {
  const watchers = new Set<{ org: string | null; onEvent: (event: ProgressEvent) => void }>();
  const orgOf = (event: ProgressEvent) => (event.type === 'job' ? event.job.org : event.progress.org);
  return {
    watch(org, onEvent) {
      const watcher = { org, onEvent };
      watchers.add(watcher);
      // Like the worker's hub: the current state first, asynchronously.
      queueMicrotask(() => {
        for (const event of initial(org)) if (watchers.has(watcher)) onEvent(event);
      });
      return () => watchers.delete(watcher);
    },
    push(event) {
      for (const watcher of [...watchers]) {
        if (watcher.org === null || watcher.org.toLowerCase() === orgOf(event).toLowerCase())
          watcher.onEvent(event);
      }
    },
    watching: () => [...watchers].map((watcher) => watcher.org),
  };
}

/** `grants.load` and `grants.read` over `lists` (org → its cached tokens), `chunk` tokens a reply. */
export function listHandlers(
  lists: () => Record<string, WireToken[]>,
  loadedAt: number,
  chunk = 1_000,
): Handlers {
  const find = (org: string) =>
    Object.entries(lists()).find(([name]) => name.toLowerCase() === org.toLowerCase()) ?? [org, []];
  return {
    'grants.load': ({ org }) => {
      const [name, tokens] = find(org);
      return { org: name, loadedAt, count: tokens.length };
    },
    'grants.read': ({ org, offset }) => {
      const [name, tokens] = find(org);
      const end = offset + chunk;
      return {
        org: name,
        loadedAt,
        tokens: tokens.slice(offset, end),
        next: end < tokens.length ? end : null,
      };
    },
  };
}

export function jobSummary(over: Partial<JobSummary> = {}): JobSummary {
  return {
    id: 'j1',
    kind: 'revoke',
    org: 'acme',
    createdAt: 0,
    phase: 'running',
    total: 10,
    done: 0,
    failed: 0,
    unconfirmed: 0,
    sent: 0,
    waitingUntil: null,
    message: null,
    ...over,
  };
}
