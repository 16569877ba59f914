// SAML SSO credential authorizations (GitHub Enterprise Cloud only: `ghec.json`,
// `githubCloudOnly: true`): `GET /orgs/{org}/credential-authorizations` and
// `DELETE /orgs/{org}/credential-authorizations/{credential_id}`. Served only for orgs marked
// `saml: true`; on GHES hosts the routes do not exist.
import { authorizeOrg } from './auth.ts';
import { routeHost } from './hosts.ts';
import { type Ctx, fail, intParam, json, notFound, type Reply, type Router } from './http.ts';
import { credentialJson } from './sso-seed.ts';
import { type Env, findOrg, type OrgState } from './state.ts';

const DOC = 'https://docs.github.com/enterprise-cloud@latest/rest/orgs/orgs';
export const DOCS_SSO = {
  list: `${DOC}#list-saml-sso-authorizations-for-an-organization`,
  remove: `${DOC}#remove-a-saml-sso-authorization-for-an-organization`,
};
const PERMISSION = 'administration';

/**
 * The org, if the caller may act on its authorizations. GHES has no such endpoint (404, like
 * any unknown route); an org without SAML answers 404 too: GitHub documents the endpoints only
 * "for an organization that uses SAML single sign-on" and declares no other answer (the fake's
 * choice of the usual Not Found).
 */
function orgFor(env: Env, ctx: Ctx, login: string, level: 'read' | 'write', doc: string): OrgState | Reply {
  if (routeHost(ctx.host, '/').kind === 'ghes') return notFound();
  if (env.principal.kind === 'none') return fail(401, 'Requires authentication', doc);
  const org = findOrg(env.state, login);
  if (!org) return notFound(doc);
  const denied = authorizeOrg(env.principal, org, PERMISSION, level, doc);
  if (denied) {
    denied.headers = { ...denied.headers, 'x-accepted-github-permissions': `${PERMISSION}=${level}` };
    return denied;
  }
  if (!org.saml) return notFound(doc);
  return org;
}

const isReply = (x: OrgState | Reply): x is Reply => 'status' in x;

export function ssoRoutes(router: Router<Env>): void {
  router.on('GET', '/orgs/:org/credential-authorizations', (env, ctx, params) => {
    const org = orgFor(env, ctx, params.org as string, 'read', DOCS_SSO.list);
    if (isReply(org)) return org;
    const login = ctx.query.get('login');
    const all = login
      ? org.credentials.filter((c) => c.login.toLowerCase() === login.toLowerCase())
      : org.credentials;
    // The spec declares no Link header for this list: clients page until a short page.
    const perPage = Math.min(100, Math.max(1, intParam(ctx.query, 'per_page', 30)));
    const page = Math.max(1, intParam(ctx.query, 'page', 1));
    const slice = all.slice((page - 1) * perPage, page * perPage);
    return json(200, slice.map(credentialJson), { 'x-accepted-github-permissions': `${PERMISSION}=read` });
  });
  router.on('DELETE', '/orgs/:org/credential-authorizations/:credential_id', (env, ctx, params) => {
    const org = orgFor(env, ctx, params.org as string, 'write', DOCS_SSO.remove);
    if (isReply(org)) return org;
    const id = Number(params.credential_id);
    const at = org.credentials.findIndex((c) => c.credentialId === id);
    if (!/^\d+$/.test(params.credential_id ?? '') || at < 0) return notFound(DOCS_SSO.remove);
    const [removed] = org.credentials.splice(at, 1);
    if (removed) org.removedCredentials.push(removed.credentialId);
    return { status: 204, headers: { 'x-accepted-github-permissions': `${PERMISSION}=write` } };
  });
}
