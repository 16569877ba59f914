// The command line's exit codes (PRODUCT.md "Command line") and the two errors it raises
// itself. Everything else a command throws is described by the extension's own classifier
// (lib/worker/reply-error.ts → lib/github/errors.ts), so the words are the extension's.
import { PatrolError } from '../errors';
import { toReplyError } from '../worker/reply-error';

export const EXIT = { done: 0, failOn: 1, usage: 2, github: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad input on the command line: an unknown flag, a missing org, an invalid query. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A credential the environment does not supply, or one that cannot be read. */
export class CredentialError extends PatrolError {
  override name = 'CredentialError';
}

export interface Failure {
  code: ExitCode;
  /** One line: what went wrong and what to do. */
  line: string;
}

const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** What a thrown error means for the exit status, in one line; never a stack trace. */
export function failureOf(error: unknown, context: { org?: string; action?: string } = {}): Failure {
  if (error instanceof UsageError) {
    return { code: EXIT.usage, line: `patrol: ${oneLine(error.message)} (see patrol --help)` };
  }
  const reply = toReplyError(error, context);
  const prefix = context.org ? `patrol: ${context.org}: ` : 'patrol: ';
  return { code: EXIT.github, line: prefix + oneLine(reply.message) };
}
