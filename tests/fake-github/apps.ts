// GitHub App endpoints (JWT), installation tokens, and the user endpoints a user token can call.
import { hasLevel, NOT_ACCESSIBLE, requireApp } from './auth.ts';
import { type Ctx, fail, json, notFound, paginate, type Reply, type Router, randomToken } from './http.ts';
import { type Bases, isoSeconds, nodeId, orgSimple, privateUser, simpleUser } from './render.ts';
import {
  type Env,
  type FakeState,
  findOrg,
  findOrgByInstallation,
  type OrgState,
  userSeesOrg,
} from './state.ts';

const APPS_DOC = 'https://docs.github.com/rest/apps/apps';

export function installationJson(org: OrgState, state: FakeState, b: Bases): Record<string, unknown> {
  const { app } = state;
  return {
    id: org.installationId,
    client_id: app.clientId,
    account: simpleUser({ login: org.login, id: org.id, type: 'Organization' }, b),
    repository_selection: 'all',
    access_tokens_url: `${b.api}/app/installations/${org.installationId}/access_tokens`,
    repositories_url: `${b.api}/installation/repositories`,
    html_url: `${b.web}/organizations/${encodeURIComponent(org.login)}/settings/installations/${org.installationId}`,
    app_id: app.appId,
    app_slug: app.slug,
    target_id: org.id,
    target_type: 'Organization',
    permissions: { ...org.permissions },
    events: [],
    created_at: isoSeconds(org.installedAt),
    updated_at: isoSeconds(org.installedAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

function getApp(env: Env, ctx: Ctx): Reply {
  const denied = requireApp(env.principal);
  if (denied) return denied;
  const { app } = env.state;
  const owner = { login: app.ownerLogin, id: 4_242_424, type: 'Organization' as const };
  return json(200, {
    id: app.appId,
    slug: app.slug,
    node_id: nodeId('Integration', app.appId),
    client_id: app.clientId,
    owner: simpleUser(owner, ctx.bases),
    name: app.name,
    description: 'Fake GitHub App used by PATrol tests',
    external_url: 'https://example.com/patrol',
    html_url: `${ctx.bases.web}/apps/${app.slug}`,
    created_at: '2025-01-15T09:30:00Z',
    updated_at: '2025-01-15T09:30:00Z',
    permissions: {
      members: 'read',
      organization_personal_access_tokens: 'write',
      organization_personal_access_token_requests: 'read',
    },
    events: [],
    installations_count: [...env.state.orgs.values()].filter((o) => o.installed).length,
  });
}

function listInstallations(env: Env, ctx: Ctx): Reply {
  const denied = requireApp(env.principal);
  if (denied) return denied;
  const orgs = [...env.state.orgs.values()].filter((o) => o.installed);
  const page = paginate(orgs, ctx, '/app/installations');
  const body = page.items.map((o) => installationJson(o, env.state, ctx.bases));
  return json(200, body, page.link ? { link: page.link } : undefined);
}

function getInstallation(env: Env, ctx: Ctx, params: Record<string, string>): Reply {
  const denied = requireApp(env.principal);
  if (denied) return denied;
  const org = findOrgByInstallation(env.state, Number(params.installation_id));
  return org ? json(200, installationJson(org, env.state, ctx.bases)) : notFound(APPS_DOC);
}

function getOrgInstallation(env: Env, ctx: Ctx, params: Record<string, string>): Reply {
  const denied = requireApp(env.principal);
  if (denied) return denied;
  const org = findOrg(env.state, params.org ?? '');
  if (!org?.installed) {
    return notFound(`${APPS_DOC}#get-an-organization-installation-for-the-authenticated-app`);
  }
  return json(200, installationJson(org, env.state, ctx.bases));
}

function createAccessToken(env: Env, ctx: Ctx, params: Record<string, string>): Reply {
  const doc = `${APPS_DOC}#create-an-installation-access-token-for-an-app`;
  const denied = requireApp(env.principal);
  if (denied) return denied;
  const org = findOrgByInstallation(env.state, Number(params.installation_id));
  if (!org) return notFound(doc);
  let permissions = { ...org.permissions };
  const body = ctx.body as { permissions?: unknown } | null;
  if (body && typeof body === 'object' && body.permissions && typeof body.permissions === 'object') {
    const asked = body.permissions as Record<string, string>;
    for (const [name, level] of Object.entries(asked)) {
      if (!hasLevel(org.permissions, name, level)) {
        return fail(422, 'The permissions requested are not granted to this installation.', doc);
      }
    }
    permissions = { ...asked };
  }
  const token = randomToken('ghs_', 36);
  const expiresAt = Math.floor((env.now + env.config.installationTokenTtlSec * 1000) / 1000) * 1000;
  env.state.installationTokens.set(token, {
    token,
    installationId: org.installationId,
    createdAt: env.now,
    expiresAt,
    permissions,
  });
  return json(201, { token, expires_at: isoSeconds(expiresAt), permissions, repository_selection: 'all' });
}

function revokeInstallationToken(env: Env): Reply {
  const p = env.principal;
  if (p.kind !== 'installation') return fail(401, 'Bad credentials');
  env.state.installationTokens.delete(p.token.token);
  return { status: 204 };
}

function getUser(env: Env, ctx: Ctx): Reply {
  const p = env.principal;
  const doc = 'https://docs.github.com/rest/users/users#get-the-authenticated-user';
  if (p.kind === 'none') return fail(401, 'Requires authentication', doc);
  if (p.kind === 'pat') return fail(401, 'Bad credentials', doc);
  if (p.kind !== 'user') return fail(403, NOT_ACCESSIBLE, doc);
  return json(200, privateUser(p.user, ctx.bases));
}

function userInstallations(env: Env, ctx: Ctx): Reply {
  const p = env.principal;
  const doc =
    'https://docs.github.com/rest/apps/installations#list-app-installations-accessible-to-the-user-access-token';
  if (p.kind === 'none') return fail(401, 'Requires authentication', doc);
  if (p.kind !== 'user') return fail(403, NOT_ACCESSIBLE, doc);
  const login = p.user.login.toLowerCase();
  const orgs = [...env.state.orgs.values()].filter(
    (o) => o.installed && o.members.has(login) && userSeesOrg(p.token, o),
  );
  const page = paginate(orgs, ctx, '/user/installations');
  const installations = page.items.map((o) => installationJson(o, env.state, ctx.bases));
  return json(200, { total_count: orgs.length, installations }, page.link ? { link: page.link } : undefined);
}

function membership(env: Env, ctx: Ctx, params: Record<string, string>): Reply {
  const p = env.principal;
  const doc = 'https://docs.github.com/rest/orgs/members#get-organization-membership-for-a-user';
  if (p.kind === 'none') return fail(401, 'Requires authentication', doc);
  const org = findOrg(env.state, params.org ?? '');
  if (!org) return notFound(doc);
  if (p.kind === 'user' && !userSeesOrg(p.token, org)) return notFound(doc);
  const allowed =
    (p.kind === 'user' && org.installed && org.members.has(p.user.login.toLowerCase())) ||
    (p.kind === 'installation' &&
      p.token.installationId === org.installationId &&
      hasLevel(p.token.permissions, 'members', 'read'));
  if (!allowed) return fail(403, NOT_ACCESSIBLE, doc, { 'x-accepted-github-permissions': 'members=read' });
  const m = org.members.get((params.username ?? '').toLowerCase());
  const user = m && env.state.users.get(m.login.toLowerCase());
  if (!m || !user) return notFound(doc);
  const b = ctx.bases;
  return json(200, {
    url: `${b.api}/orgs/${encodeURIComponent(org.login)}/memberships/${encodeURIComponent(m.login)}`,
    state: 'active',
    role: m.role,
    organization_url: `${b.api}/orgs/${encodeURIComponent(org.login)}`,
    organization: orgSimple(org, b),
    user: simpleUser(user, b),
  });
}

/**
 * GET /user/memberships/orgs/{org} (orgs/get-membership-for-authenticated-user): the caller's own
 * membership. The OpenAPI description: 404 when the user is not affiliated with the org, 403
 * when the org blocks the App. Only a user token has a "self"; a token issued outside a SAML
 * session does not see the org (404).
 */
function ownMembership(env: Env, ctx: Ctx, params: Record<string, string>): Reply {
  const p = env.principal;
  const doc =
    'https://docs.github.com/rest/orgs/members#get-an-organization-membership-for-the-authenticated-user';
  if (p.kind === 'none') return fail(401, 'Requires authentication', doc);
  if (p.kind !== 'user') return fail(403, NOT_ACCESSIBLE, doc);
  const org = findOrg(env.state, params.org ?? '');
  const m = org?.members.get(p.user.login.toLowerCase());
  if (!org || !m || !userSeesOrg(p.token, org)) return notFound(doc);
  const b = ctx.bases;
  return json(200, {
    url: `${b.api}/orgs/${encodeURIComponent(org.login)}/memberships/${encodeURIComponent(m.login)}`,
    state: 'active',
    role: m.role,
    organization_url: `${b.api}/orgs/${encodeURIComponent(org.login)}`,
    organization: orgSimple(org, b),
    user: simpleUser(p.user, b),
    permissions: { can_create_repository: m.role === 'admin' },
  });
}

export function appRoutes(router: Router<Env>): void {
  router
    .on('GET', '/app', getApp)
    .on('GET', '/app/installations', listInstallations)
    .on('GET', '/app/installations/:installation_id', getInstallation)
    .on('POST', '/app/installations/:installation_id/access_tokens', createAccessToken)
    .on('GET', '/orgs/:org/installation', getOrgInstallation)
    .on('DELETE', '/installation/token', revokeInstallationToken)
    .on('GET', '/user', getUser)
    .on('GET', '/user/installations', userInstallations)
    .on('GET', '/orgs/:org/memberships/:username', membership)
    .on('GET', '/user/memberships/orgs/:org', ownMembership);
}
