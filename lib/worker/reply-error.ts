// The one classifier from a thrown error to the reply a page shows: PATrol's own errors keep
// their code, GitHub's HTTP errors are described by lib/github/errors.ts, a failed fetch is
// "offline", and anything else is an internal error that says so.
import { z } from 'zod';
import { PatrolError } from '../errors';
import { describeGitHubError, type ErrorContext } from '../github/errors';
import type { ReplyError } from '../protocol';

const isHttpError = (error: unknown): boolean =>
  error instanceof Error &&
  ('status' in error || error.name === 'HttpError' || error.name === 'RequestError');

export function toReplyError(error: unknown, context: ErrorContext = {}): ReplyError {
  if (error instanceof PatrolError) return error.toReply();
  if (error instanceof z.ZodError) return { code: 'invalid_message', message: 'The message was malformed.' };
  if (isHttpError(error)) return describeGitHubError(error, context);
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return describeGitHubError({ status: 0, message: error.message }, context);
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `PATrol hit an unexpected error: ${message}` };
}

/** The HTTP status of a GitHub error, for the job engine's "refused as a whole" rule. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
