// Type tests of the message registry, checked by `npm run typecheck` (tsc over tests/): each
// `@ts-expect-error` below must be a compile error, or tsc fails on the unused directive.
import { z } from 'zod';
import type { Output } from '../../../lib/protocol';
import { define, type Entry } from '../../../lib/worker/registry';

const org = z.string();

// The schema parses exactly the protocol's input: it compiles.
export const good = define('grants.load', {
  input: z.strictObject({ org, refresh: z.boolean() }),
  senders: ['page'],
  handler: async ({ org }) => ({ org, loadedAt: 0, count: 0 }),
});

// A schema missing a field of the protocol's input does not compile.
// @ts-expect-error the schema of grants.load lacks `refresh`
export const missing = define('grants.load', {
  input: z.strictObject({ org }),
  senders: ['page'],
  handler: async ({ org }) => ({ org, loadedAt: 0, count: 0 }),
});

// Nor does one with a field the protocol does not have (assignable, but not the same type).
// @ts-expect-error the schema of grants.load has an extra `limit`
export const extra = define('grants.load', {
  input: z.strictObject({ org, refresh: z.boolean(), limit: z.number() }),
  senders: ['page'],
  handler: async ({ org }) => ({ org, loadedAt: 0, count: 0 }),
});

// Nor one whose field has the wrong type.
// @ts-expect-error `refresh` parses as a string, the protocol says boolean
export const wrongType = define('grants.load', {
  input: z.strictObject({ org, refresh: z.string() }),
  senders: ['page'],
  handler: async ({ org }) => ({ org, loadedAt: 0, count: 0 }),
});

// A handler whose reply is not the protocol's output does not compile.
export const badReply = define('grants.load', {
  input: z.strictObject({ org, refresh: z.boolean() }),
  senders: ['page'],
  // @ts-expect-error grants.load replies with GrantsMeta, not a token list
  handler: async ({ org }) => ({ org, tokens: [] }),
});

// Nor does a sender that is not one of PATrol's surfaces.
export const badSender = define('settings.get', {
  input: z.strictObject({}),
  // @ts-expect-error 'web' is not a sender
  senders: ['web'],
  handler: async () => ({}) as Output<'settings.get'>,
});

// The entry's handler is typed by the protocol for every caller.
export const handler: Entry<'grants.load'>['handler'] = good.handler;
