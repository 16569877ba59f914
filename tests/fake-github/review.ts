// Reviewing PAT requests: the bulk POST (202, applied later, at most 100 ids, all or nothing)
// and the single-request POST (204, applied at once), both with an optional reason ≤ 1,024.
import { decide } from './decisions.ts';
import { bodyObject, DOCS_PAT, isReply, orgFor, REQUESTS } from './grants.ts';
import { type Ctx, invalid, json, notFound, type Reply, type Router, validationFailed } from './http.ts';
import type { Env } from './state.ts';

const MAX_REASON = 1024;

type Review = { action: 'approve' | 'deny'; reason: string | null };

/** The body's action and reason, or GitHub's `Invalid request.` 422. */
function reviewOf(body: Record<string, unknown> | null, doc: string): Review | Reply {
  if (!body || body.action === undefined) return invalid(['"action" wasn\'t supplied.'], doc);
  if (body.action !== 'approve' && body.action !== 'deny') {
    return invalid(
      [`For 'properties/action', ${JSON.stringify(body.action)} is not a member of ["approve", "deny"].`],
      doc,
    );
  }
  const reason = body.reason ?? null;
  if (reason !== null && typeof reason !== 'string') {
    return invalid([`For 'properties/reason', ${JSON.stringify(reason)} is not a string or null.`], doc);
  }
  if (reason !== null && [...reason].length > MAX_REASON) {
    return invalid([`For 'properties/reason', the string is longer than ${MAX_REASON} characters.`], doc);
  }
  return { action: body.action, reason };
}

function reviewBulk(env: Env, ctx: Ctx, params: Record<string, string>): Reply {
  const doc = DOCS_PAT.reviewBulk;
  const r = orgFor(env, params, REQUESTS, 'write', doc);
  if (isReply(r)) return r;
  const { org, headers } = r;
  const body = bodyObject(ctx);
  const review = reviewOf(body, doc);
  if (isReply(review)) return review;
  // The spec requires only `action`; a review of no request is refused all the same.
  const ids = body?.pat_request_ids;
  if (ids === undefined) return invalid(['"pat_request_ids" wasn\'t supplied.'], doc);
  if (!Array.isArray(ids)) {
    return invalid([`For 'properties/pat_request_ids', ${JSON.stringify(ids)} is not an array.`], doc);
  }
  if (ids.length < 1) return invalid(["For 'properties/pat_request_ids', [] has fewer items than 1."], doc);
  if (ids.length > 100) {
    return invalid(
      [`For 'properties/pat_request_ids', the array has more items than 100 (${ids.length}).`],
      doc,
    );
  }
  const wrong = ids.find((x) => !Number.isInteger(x));
  if (wrong !== undefined) return invalid([`For 'items', ${JSON.stringify(wrong)} is not an integer.`], doc);
  const unique = [...new Set(ids as number[])];
  const result = decide(org, unique, { ...review, via: 'bulk' }, env.now, env.config.revokeDelayMs);
  if (!result.ok) {
    return validationFailed(
      'pat_request_ids',
      `Unknown or already reviewed fine-grained personal access token requests: ${result.unknown.join(', ')}`,
      doc,
    );
  }
  return json(202, {}, headers);
}

function reviewOne(env: Env, ctx: Ctx, params: Record<string, string>): Reply {
  const doc = DOCS_PAT.review;
  const r = orgFor(env, params, REQUESTS, 'write', doc);
  if (isReply(r)) return r;
  const { org, headers } = r;
  const id = Number(params.pat_request_id);
  const listed = org.requests.some((x) => x.id === id) && !org.decisions.has(id);
  if (!/^\d+$/.test(params.pat_request_id ?? '') || !listed) return notFound(doc);
  const review = reviewOf(bodyObject(ctx), doc);
  if (isReply(review)) return review;
  decide(org, [id], { ...review, via: 'single' }, env.now, 0);
  return { status: 204, headers };
}

export function reviewRoutes(router: Router<Env>): void {
  for (const base of ['/orgs/:org', '/organizations/:org_id']) {
    router
      .on('POST', `${base}/personal-access-token-requests`, reviewBulk)
      .on('POST', `${base}/personal-access-token-requests/:pat_request_id`, reviewOne);
  }
}
