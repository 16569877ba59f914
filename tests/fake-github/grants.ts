// The org fine-grained PAT endpoints: list grants/requests, revoke (bulk, async; single), repositories.
import { authorizeOrg } from './auth.ts';
import {
  arrayParam,
  type Ctx,
  fail,
  invalid,
  json,
  notFound,
  paginate,
  type Reply,
  type Router,
  validationFailed,
} from './http.ts';
import { grantJson, minimalRepo, requestJson } from './render.ts';
import type { GrantRecord } from './seed.ts';
import { type Env, findOrg, findOrgById, isLive, type OrgState, revokeGrant, settle } from './state.ts';
import { lacksTokenFields, shapeForVersion } from './versions.ts';

const DOC = 'https://docs.github.com/rest/orgs/personal-access-tokens';
export const DOCS_PAT = {
  list: `${DOC}#list-fine-grained-personal-access-tokens-with-access-to-organization-resources`,
  bulk: `${DOC}#update-the-access-to-organization-resources-via-fine-grained-personal-access-tokens`,
  single: `${DOC}#update-the-access-a-fine-grained-personal-access-token-has-to-organization-resources`,
  repos: `${DOC}#list-repositories-a-fine-grained-personal-access-token-has-access-to`,
  requests: `${DOC}#list-requests-to-access-organization-resources-with-fine-grained-personal-access-tokens`,
  requestRepos: `${DOC}#list-repositories-requested-to-be-accessed-by-a-fine-grained-personal-access-token`,
  reviewBulk: `${DOC}#review-requests-to-access-organization-resources-with-fine-grained-personal-access-tokens`,
  review: `${DOC}#review-a-request-to-access-organization-resources-with-a-fine-grained-personal-access-token`,
};
const TOKENS = 'organization_personal_access_tokens';
export const REQUESTS = 'organization_personal_access_token_requests';

type Kind = 'grants' | 'requests';

/** Resolve the org (by login or, on the /organizations/{id} alias, by id) and authorize. */
export function orgFor(
  env: Env,
  params: Record<string, string>,
  perm: string,
  level: 'read' | 'write',
  doc: string,
): { org: OrgState; headers: Record<string, string> } | Reply {
  if (env.principal.kind === 'none') return fail(401, 'Requires authentication', doc);
  const org =
    params.org !== undefined ? findOrg(env.state, params.org) : findOrgById(env.state, Number(params.org_id));
  if (!org) return notFound(doc);
  const denied = authorizeOrg(env.principal, org, perm, level, doc);
  if (denied) return denied;
  settle(org, env.now);
  return { org, headers: { 'x-accepted-github-permissions': `${perm}=${level}` } };
}

export const isReply = (x: unknown): x is Reply => typeof x === 'object' && x !== null && 'status' in x;

interface Filters {
  owners: Set<string> | null;
  repo: { id: number } | null | 'missing';
  perm: { name: string; level: string | null } | null;
  before: number | null;
  after: number | null;
  tokenIds: Set<string> | null;
}

function parseFilters(ctx: Ctx, org: OrgState, doc: string): Filters | Reply {
  const q = ctx.query;
  const owners = arrayParam(q, 'owner');
  if (owners.length > 10) return validationFailed('owner', 'owner can have at most 10 items', doc);
  const tokenIds = arrayParam(q, 'token_id');
  if (tokenIds.length > 50) return validationFailed('token_id', 'token_id can have at most 50 items', doc);
  const time = (name: string): number | null | Reply => {
    const v = q.get(name);
    if (v === null || v === '') return null;
    const t = Date.parse(v);
    return Number.isNaN(t) ? validationFailed(name, `${name} must be an ISO 8601 timestamp`, doc) : t;
  };
  const before = time('last_used_before');
  if (isReply(before)) return before;
  const after = time('last_used_after');
  if (isReply(after)) return after;
  let repo: Filters['repo'] = null;
  const repoName = q.get('repository');
  if (repoName) {
    const found = [...org.reposById.values()].find((r) => r.name.toLowerCase() === repoName.toLowerCase());
    repo = found ? { id: found.id } : 'missing';
  }
  let perm: Filters['perm'] = null;
  const p = q.get('permission');
  if (p) {
    const m = /^(.+)_(read|write|admin)$/.exec(p);
    perm = m ? { name: m[1] as string, level: m[2] as string } : { name: p, level: null };
  }
  return {
    owners: owners.length ? new Set(owners.map((o) => o.toLowerCase())) : null,
    repo,
    perm,
    before,
    after,
    tokenIds: tokenIds.length ? new Set(tokenIds.map((t) => t.trim())) : null,
  };
}

export function matchesFilters(g: GrantRecord, f: Filters): boolean {
  if (f.owners && !f.owners.has(g.owner.login.toLowerCase())) return false;
  if (f.tokenIds && !f.tokenIds.has(String(g.tokenId))) return false;
  if (f.repo === 'missing') return false;
  if (f.repo) {
    const { id } = f.repo;
    if (g.repositorySelection === 'none') return false;
    if (g.repositorySelection === 'subset' && !g.repoIds.includes(id)) return false;
  }
  if (f.perm) {
    const { name, level } = f.perm;
    const scopes = [g.permissions.organization, g.permissions.repository, g.permissions.other];
    if (!scopes.some((s) => s?.[name] !== undefined && (level === null || s[name] === level))) return false;
  }
  if (f.before !== null && (g.lastUsedAt === null || g.lastUsedAt >= f.before)) return false;
  if (f.after !== null && (g.lastUsedAt === null || g.lastUsedAt <= f.after)) return false;
  return true;
}

function list(kind: Kind) {
  return (env: Env, ctx: Ctx, params: Record<string, string>): Reply => {
    const doc = kind === 'grants' ? DOCS_PAT.list : DOCS_PAT.requests;
    const r = orgFor(env, params, kind === 'grants' ? TOKENS : REQUESTS, 'read', doc);
    if (isReply(r)) return r;
    const { org, headers } = r;
    const f = parseFilters(ctx, org, doc);
    if (isReply(f)) return f;
    if (lacksTokenFields(env.config, ctx)) f.tokenIds = null; // GHES < 3.13 ignores token_id[]
    const source = kind === 'grants' ? org.grants : org.requests;
    const noFilter = !f.owners && !f.repo && !f.perm && f.before === null && f.after === null && !f.tokenIds;
    let rows = noFilter ? source : source.filter((g) => matchesFilters(g, f));
    if (ctx.query.get('direction') === 'asc') rows = [...rows].reverse();
    const path = kind === 'grants' ? 'personal-access-tokens' : 'personal-access-token-requests';
    const page = paginate(rows, ctx, `/organizations/${org.id}/${path}`);
    const acct = { login: org.login, id: org.id, type: 'Organization' as const };
    const render = kind === 'grants' ? grantJson : requestJson;
    const body = page.items.map((g) => shapeForVersion(render(g, acct, ctx.bases, env.now), env.config, ctx));
    return json(200, body, page.link ? { ...headers, link: page.link } : headers);
  };
}

function repositories(kind: Kind) {
  return (env: Env, ctx: Ctx, params: Record<string, string>): Reply => {
    const doc = kind === 'grants' ? DOCS_PAT.repos : DOCS_PAT.requestRepos;
    const r = orgFor(env, params, kind === 'grants' ? TOKENS : REQUESTS, 'read', doc);
    if (isReply(r)) return r;
    const { org, headers } = r;
    const idText = kind === 'grants' ? params.pat_id : params.pat_request_id;
    const id = Number(idText);
    const grant =
      kind === 'grants'
        ? isLive(org, id) || org.pending.has(id)
          ? org.grantsById.get(id)
          : undefined
        : org.requests.find((x) => x.id === id);
    if (!grant || !/^\d+$/.test(idText ?? '')) return notFound(doc);
    const repos = grant.repositorySelection === 'subset' ? grant.repoIds : [];
    const path = kind === 'grants' ? 'personal-access-tokens' : 'personal-access-token-requests';
    const page = paginate(repos, ctx, `/organizations/${org.id}/${path}/${id}/repositories`);
    const acct = { login: org.login, id: org.id, type: 'Organization' as const };
    const body = page.items.flatMap((rid) => {
      const repo = org.reposById.get(rid);
      return repo ? [minimalRepo(repo, acct, ctx.bases)] : [];
    });
    return json(200, body, page.link ? { ...headers, link: page.link } : headers);
  };
}

export function bodyObject(ctx: Ctx): Record<string, unknown> | null {
  const b = ctx.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : null;
}

function checkAction(body: Record<string, unknown> | null, doc: string): Reply | null {
  if (!body || body.action === undefined) return invalid(['"action" wasn\'t supplied.'], doc);
  if (body.action !== 'revoke') {
    return invalid(
      [`For 'properties/action', ${JSON.stringify(body.action)} is not a member of ["revoke"].`],
      doc,
    );
  }
  return null;
}

function bulkRevoke(env: Env, ctx: Ctx, params: Record<string, string>): Reply {
  const doc = DOCS_PAT.bulk;
  const r = orgFor(env, params, TOKENS, 'write', doc);
  if (isReply(r)) return r;
  const { org, headers } = r;
  const body = bodyObject(ctx);
  const bad = checkAction(body, doc);
  if (bad) return bad;
  const ids = body?.pat_ids;
  if (ids === undefined) return invalid(['"pat_ids" wasn\'t supplied.'], doc);
  if (!Array.isArray(ids))
    return invalid([`For 'properties/pat_ids', ${JSON.stringify(ids)} is not an array.`], doc);
  if (ids.length < 1) return invalid(["For 'properties/pat_ids', [] has fewer items than 1."], doc);
  if (ids.length > 100) {
    return invalid([`For 'properties/pat_ids', the array has more items than 100 (${ids.length}).`], doc);
  }
  const wrong = ids.find((x) => !Number.isInteger(x));
  if (wrong !== undefined) {
    return invalid([`For 'items', ${JSON.stringify(wrong)} is not an integer.`], doc);
  }
  const unique = [...new Set(ids as number[])];
  const unknown = unique.filter((id) => !org.grantsById.has(id));
  if (unknown.length && env.config.unknownRevokeIds === 'not_found') return notFound(doc);
  if (unknown.length && env.config.unknownRevokeIds === 'unprocessable') {
    return validationFailed(
      'pat_ids',
      `Unknown fine-grained personal access token ids: ${unknown.join(', ')}`,
      doc,
    );
  }
  for (const id of unique) revokeGrant(org, id, env.now, env.config.revokeDelayMs, 'bulk');
  return json(202, {}, headers);
}

function singleRevoke(env: Env, ctx: Ctx, params: Record<string, string>): Reply {
  const doc = DOCS_PAT.single;
  const r = orgFor(env, params, TOKENS, 'write', doc);
  if (isReply(r)) return r;
  const { org, headers } = r;
  const id = Number(params.pat_id);
  if (!/^\d+$/.test(params.pat_id ?? '') || !isLive(org, id)) return notFound(doc);
  const bad = checkAction(bodyObject(ctx), doc);
  if (bad) return bad;
  revokeGrant(org, id, env.now, 0, 'single');
  return { status: 204, headers };
}

export function grantRoutes(router: Router<Env>): void {
  for (const base of ['/orgs/:org', '/organizations/:org_id']) {
    router
      .on('GET', `${base}/personal-access-tokens`, list('grants'))
      .on('POST', `${base}/personal-access-tokens`, bulkRevoke)
      .on('POST', `${base}/personal-access-tokens/:pat_id`, singleRevoke)
      .on('GET', `${base}/personal-access-tokens/:pat_id/repositories`, repositories('grants'))
      .on('GET', `${base}/personal-access-token-requests`, list('requests'))
      .on(
        'GET',
        `${base}/personal-access-token-requests/:pat_request_id/repositories`,
        repositories('requests'),
      );
  }
}
