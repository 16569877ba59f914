// The pending-request model: GitHub's "Simple Organization Programmatic Access Grant Request"
// is a grant's shape plus `reason` and `created_at`, so a request is a Token (filters, risk and
// the CSV work on it unchanged) whose `grantId` is the request id (`pat_request_id`, what a
// review takes) and whose `grantedAt` is null: nothing is granted yet.
import { normaliseGrant, parseTime, type Token, toWire, type WireToken } from './tokens';

export interface TokenRequest extends Token {
  /** Free text typed by the member who asked: hostile, rendered as text only. */
  reason: string | null;
  requestedAt: Date | null;
}

export type WireRequest = WireToken & { reason: string | null; requestedAt: number | null };

/** Builds a TokenRequest from one request as GitHub returns it. Throws when the id is missing. */
export function normaliseRequest(raw: unknown): TokenRequest {
  const token = normaliseGrant(raw);
  const record = (raw ?? {}) as Record<string, unknown>;
  return {
    ...token,
    grantedAt: null,
    reason: typeof record.reason === 'string' ? record.reason : null,
    requestedAt: parseTime(record.created_at),
  };
}

export function requestToWire(request: TokenRequest): WireRequest {
  const { reason, requestedAt, ...token } = request;
  return { ...toWire(token), reason, requestedAt: requestedAt?.getTime() ?? null };
}

export function requestFromWire(wire: WireRequest): TokenRequest {
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    ...wire,
    grantedAt: at(wire.grantedAt),
    expiresAt: at(wire.expiresAt),
    lastUsedAt: at(wire.lastUsedAt),
    requestedAt: at(wire.requestedAt),
  };
}

/** GitHub's limit on a review's reason, in characters (code points). */
export const MAX_REVIEW_REASON = 1024;

export const reasonLength = (text: string): number => [...text].length;
