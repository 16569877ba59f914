// PATrol's one error class: every failure PATrol raises itself carries a typed code from the
// protocol, so the worker turns it into a reply (lib/worker/reply-error.ts) without guessing.
import type { ErrorCode, ReplyError } from './protocol';

export class PatrolError extends Error {
  override name = 'PatrolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For rate limits: when the owner can try again (epoch ms). */
    readonly retryAt?: number,
  ) {
    super(message);
  }

  toReply(): ReplyError {
    return this.retryAt === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAt: this.retryAt };
  }
}
