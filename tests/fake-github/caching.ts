// GitHub's HTTP caching on authenticated REST GETs: `Cache-Control: private, max-age=60,
// s-maxage=60`, an ETag that differs per access token (github/docs#34689), and `304 Not
// Modified` for a matching `If-None-Match`, which does not count against the primary rate limit
// (docs "Best practices for using the REST API": conditional requests).
import { createHash } from 'node:crypto';
import type { Reply } from './http.ts';

export const CACHE_CONTROL = 'private, max-age=60, s-maxage=60';

/** A weak ETag over the credential and the body, so each token sees its own. */
export function etagFor(authorization: string, body: unknown): string {
  const hash = createHash('sha256').update(authorization).update('\n').update(JSON.stringify(body));
  return `W/"${hash.digest('hex').slice(0, 40)}"`;
}

/** If-None-Match, compared weakly as RFC 9110 asks for GET: any listed tag (or `*`) matches. */
export function matchesIfNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  const listed = (Array.isArray(header) ? header.join(',') : header).split(',');
  return listed.some((tag) => tag.trim() === '*' || strip(tag) === wanted);
}

/**
 * Adds GitHub's cache headers to a successful GET and turns it into a 304 when the client
 * already holds this version. Returns whether it became a 304 (the caller refunds the point).
 */
export function conditional(
  method: string,
  authorization: string | undefined,
  ifNoneMatch: string | string[] | undefined,
  reply: Reply,
): { reply: Reply; notModified: boolean } {
  if (method !== 'GET' || reply.status !== 200 || reply.body === undefined || !authorization) {
    return { reply, notModified: false };
  }
  const etag = etagFor(authorization, reply.body);
  const headers = { ...reply.headers, 'cache-control': CACHE_CONTROL, etag };
  if (matchesIfNoneMatch(ifNoneMatch, etag)) {
    return { reply: { status: 304, headers }, notModified: true };
  }
  return { reply: { ...reply, headers }, notModified: false };
}
