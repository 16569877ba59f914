// Checks who sent a message and what it carries before any handler runs. Anything else
// (another extension, a web page, a malformed or unknown message) gets an error reply
// and touches nothing.
import { z } from 'zod';
import { describeGitHubError } from '../github/errors';
import { KeyFormatError } from '../github/keys';
import { type ErrorCode, fail, type MessageType, ok, type Reply } from '../protocol';
import { NotConfiguredError } from './credentials';
import { DeviceFlowError } from './device-flow';
import type { Handlers } from './service';

// Extension pages forbid eval (CSP script-src 'self'): zod must not try its JIT.
z.config({ jitless: true });

const empty = z.strictObject({});
const org = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'not an organization login');
const grantIds = z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(100_000);

export const inputSchemas: { [T in MessageType]: z.ZodType } = {
  'settings.get': empty,
  'settings.save': z.strictObject({
    mode: z.enum(['device', 'private-key']),
    clientId: z.string().max(64),
    apiBaseUrl: z.string().max(2048),
    privateKey: z.string().max(16_384).optional(),
    secretStorage: z.enum(['encrypted', 'session']),
  }),
  'connection.test': z.strictObject({ org }),
  'signin.start': empty,
  'signin.poll': empty,
  signout: empty,
  'grants.load': z.strictObject({ org, refresh: z.boolean() }),
  'grants.progress': z.strictObject({ org }),
  'grants.repositories': z.strictObject({ org, grantIds }),
  'revoke.start': z.strictObject({ org, grantIds }),
  'revoke.status': z.strictObject({ org: org.nullable() }),
  'revoke.retryFailed': z.strictObject({ jobId: z.string().max(64) }),
  'orgs.list': empty,
  'orgs.cached': empty,
  'orgs.remove': z.strictObject({ org }),
  'log.list': empty,
  'log.clear': empty,
  'options.open': empty,
};

/** What a content script on a GitHub page may ask: nothing about credentials. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set<MessageType>([
  'settings.get',
  'grants.load',
  'grants.progress',
  'grants.repositories',
  'revoke.start',
  'revoke.status',
  'revoke.retryFailed',
  'options.open',
]);

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
  origin?: string;
}

export interface RouterEnv {
  extensionId: string;
  extensionOrigin: string;
  /** Web hosts the panel may run on (github.com and a configured GHES host). */
  webHosts: () => Promise<string[]>;
}

type SenderKind = 'extension-page' | 'content-script' | 'stranger';

async function classify(sender: SenderInfo, env: RouterEnv): Promise<SenderKind> {
  if (sender.id !== env.extensionId || !sender.url) return 'stranger';
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return 'stranger';
  }
  // Options and popup pages (the options page may sit in a tab of its own).
  if (`${url.protocol}//${url.host}` === env.extensionOrigin) return 'extension-page';
  if (url.protocol === 'https:' && sender.tab && (await env.webHosts()).includes(url.host)) {
    return 'content-script';
  }
  return 'stranger';
}

function codeOf(error: unknown): ErrorCode | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? (code as ErrorCode) : undefined;
}

export function errorReply(error: unknown, context: { org?: string; action?: string } = {}): Reply<never> {
  if (error instanceof NotConfiguredError) return fail('not_configured', error.message);
  if (error instanceof KeyFormatError) return fail('bad_key', error.message);
  if (error instanceof DeviceFlowError) return fail('device_flow', error.message);
  if (error instanceof z.ZodError) return fail('invalid_message', 'The message was malformed.');
  if (error instanceof RangeError || (error instanceof Error && codeOf(error) && !('status' in error))) {
    return fail(codeOf(error) ?? 'validation', error.message);
  }
  if (
    error instanceof Error &&
    !('status' in error) &&
    error.name !== 'HttpError' &&
    error.name !== 'RequestError'
  ) {
    if (/fetch|network/i.test(error.message))
      return { ok: false, error: describeGitHubError({ status: 0, message: error.message }, context) };
    return fail('internal', `PATrol hit an unexpected error: ${error.message}`);
  }
  return { ok: false, error: describeGitHubError(error, context) };
}

const ACTIONS: Partial<Record<MessageType, string>> = {
  'grants.load': 'list tokens',
  'grants.repositories': "list a token's repositories",
  'revoke.start': 'revoke tokens',
  'connection.test': 'test the connection',
  'signin.start': 'start sign-in',
  'signin.poll': 'finish sign-in',
};

export function createRouter(handlers: Handlers, env: RouterEnv) {
  return async (raw: unknown, sender: SenderInfo): Promise<Reply<unknown>> => {
    const kind = await classify(sender, env);
    if (kind === 'stranger') return fail('forbidden_sender', 'PATrol only answers its own pages.');
    if (!raw || typeof raw !== 'object' || (raw as { patrol?: unknown }).patrol !== 1) {
      return fail('invalid_message', 'Not a PATrol message.');
    }
    const { type, input } = raw as { type?: unknown; input?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(inputSchemas, type)) {
      return fail('invalid_message', 'Unknown message type.');
    }
    const messageType = type as MessageType;
    if (kind === 'content-script' && !CONTENT_SCRIPT_MESSAGES.has(messageType)) {
      return fail('forbidden_sender', 'This request is only accepted from the PATrol options page.');
    }
    const parsed = inputSchemas[messageType].safeParse(input);
    if (!parsed.success) {
      return fail(
        'invalid_message',
        `Invalid ${messageType} request: ${parsed.error.issues[0]?.message ?? 'bad input'}.`,
      );
    }
    const context = {
      org: (parsed.data as { org?: string }).org ?? undefined,
      action: ACTIONS[messageType],
    };
    try {
      const handler = handlers[messageType] as (input: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      return errorReply(error, context);
    }
  };
}
