// The message registry's types: one entry per message holds everything about it (schema,
// senders, handler). The compiler checks that an entry's schema parses exactly the protocol's
// input type and that its handler returns the protocol's reply type
// (tests/lib/worker/registry.test-d.ts proves both fail to compile when they disagree).
import type { z } from 'zod';
import type { Input, MessageType, Output } from '../protocol';

/** Who may send a message: PATrol's extension pages (popup, options, the panel's frame) or its content scripts. */
export type Sender = 'page' | 'content';

export interface HandlerContext {
  sender: Sender;
}

export interface Entry<T extends MessageType> {
  input: z.ZodType<Input<T>>;
  /** Empty: no surface may send it. Anything that changes GitHub is `['page']` only. */
  senders: readonly Sender[];
  /** What the message does, for error messages: "list tokens". */
  action?: string;
  handler: (input: Input<T>, context: HandlerContext) => Promise<Output<T>>;
}

export type Registry = { [T in MessageType]: Entry<T> };

/** Exactly equal types (not merely assignable): a schema with an extra or a missing field fails. */
export type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/**
 * Declares one message: `define('grants.load', { input, senders, handler })`. When the schema's
 * output is not exactly `Input<T>`, the call demands a third argument that nobody can give, so
 * it does not compile; the handler is typed by `Entry<T>`.
 */
export function define<T extends MessageType, S extends z.ZodType>(
  _type: T,
  entry: Omit<Entry<T>, 'input'> & { input: S },
  ..._schemaCheck: Same<z.output<S>, Input<T>> extends true ? [] : [schemaDisagreesWithProtocol: never]
): Entry<T> {
  return entry as unknown as Entry<T>;
}
