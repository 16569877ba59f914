// GET /orgs/{org}/members (orgs/list-members): the org's members, `role=all|admin|member`,
// paginated with a Link header. GitHub asks the App for "Members: read" and otherwise answers
// 403 "Resource not accessible by integration" (x-accepted-github-permissions: members=read).
import { authorizeOrg } from './auth.ts';
import { fail, invalid, json, notFound, paginate, type Router } from './http.ts';
import { simpleUser } from './render.ts';
import { type Env, findOrg } from './state.ts';

const DOC = 'https://docs.github.com/rest/orgs/members#list-organization-members';
const ROLES = ['all', 'admin', 'member'] as const;
const FILTERS = ['2fa_disabled', '2fa_insecure', 'all'] as const;

export function memberRoutes(router: Router<Env>): void {
  router.on('GET', '/orgs/:org/members', (env, ctx, params) => {
    if (env.principal.kind === 'none') return fail(401, 'Requires authentication', DOC);
    const org = findOrg(env.state, params.org ?? '');
    if (!org) return notFound(DOC);
    const denied = authorizeOrg(env.principal, org, 'members', 'read', DOC);
    if (denied) return denied;
    const role = ctx.query.get('role') ?? 'all';
    if (!(ROLES as readonly string[]).includes(role)) {
      return invalid([`For 'role', "${role}" is not one of ["all", "admin", "member"].`], DOC);
    }
    const filter = ctx.query.get('filter') ?? 'all';
    if (!(FILTERS as readonly string[]).includes(filter)) {
      return invalid(
        [`For 'filter', "${filter}" is not one of ["2fa_disabled", "2fa_insecure", "all"].`],
        DOC,
      );
    }
    // Nobody in the fake lacks two-factor authentication: the 2FA filters list no one.
    const members = filter === 'all' ? [...org.members.values()] : [];
    const wanted = members
      .filter((m) => role === 'all' || m.role === role)
      .map((m) => env.state.users.get(m.login.toLowerCase()))
      .filter((u) => u !== undefined)
      .sort((a, b) => a.id - b.id);
    const page = paginate(wanted, ctx, `/orgs/${encodeURIComponent(org.login)}/members`);
    const headers: Record<string, string> = { 'x-accepted-github-permissions': 'members=read' };
    if (page.link) headers.link = page.link;
    return json(
      200,
      page.items.map((u) => simpleUser(u, ctx.bases)),
      headers,
    );
  });
}
