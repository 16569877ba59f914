// Checks who sent a message and what it carries before any handler runs, using the one
// registry (lib/worker/messages/). Anything else (another extension, a web page, a malformed
// or unknown message, a sender the entry does not allow) gets an error reply and touches nothing.
import { z } from 'zod';
import { fail, ok, type Reply } from '../protocol';
import type { Registry, Sender } from './registry';
import { toReplyError } from './reply-error';

// Extension pages forbid eval (CSP script-src 'self'): zod must not try its JIT.
z.config({ jitless: true });

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
  origin?: string;
}

export interface RouterEnv {
  extensionId: string;
  extensionOrigin: string;
  /** Web hosts the panel may run on (github.com and a configured GHES or GHE.com host). */
  webHosts: () => Promise<string[]>;
}

/** Which of PATrol's surfaces sent this, or null for anyone else. */
export async function classifySender(sender: SenderInfo, env: RouterEnv): Promise<Sender | null> {
  if (sender.id !== env.extensionId || !sender.url) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // The popup, the options page and the panel's frame are pages of PATrol's own origin.
  // (URL.origin is "null" for extension schemes in some engines: compare scheme and host.)
  if (`${url.protocol}//${url.host}` === env.extensionOrigin) return 'page';
  if (url.protocol === 'https:' && sender.tab && (await env.webHosts()).includes(url.host)) return 'content';
  return null;
}

export function createRouter(registry: Registry, env: RouterEnv) {
  return async (raw: unknown, senderInfo: SenderInfo): Promise<Reply<unknown>> => {
    const sender = await classifySender(senderInfo, env);
    if (sender === null) return fail('forbidden_sender', 'PATrol only answers its own pages.');
    if (!raw || typeof raw !== 'object' || (raw as { patrol?: unknown }).patrol !== 1) {
      return fail('invalid_message', 'Not a PATrol message.');
    }
    const { type, input } = raw as { type?: unknown; input?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(registry, type)) {
      return fail('invalid_message', 'Unknown message type.');
    }
    const entry = registry[type as keyof Registry] as Registry['settings.get'];
    if (!entry.senders.includes(sender)) {
      return fail('forbidden_sender', 'This request is only accepted from PATrol’s own extension pages.');
    }
    const parsed = entry.input.safeParse(input);
    if (!parsed.success) {
      return fail(
        'invalid_message',
        `Invalid ${type} request: ${parsed.error.issues[0]?.message ?? 'bad input'}.`,
      );
    }
    const org = (parsed.data as { org?: unknown }).org;
    try {
      return ok(await entry.handler(parsed.data, { sender }));
    } catch (error) {
      const reply = toReplyError(error, {
        org: typeof org === 'string' ? org : undefined,
        action: entry.action,
      });
      return { ok: false, error: reply };
    }
  };
}
