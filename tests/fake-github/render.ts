// Renders internal records to GitHub's JSON shapes (per the OpenAPI description).
import type { GrantRecord, SeedRepo, SeedUser } from './seed.ts';

/** `api`: https://api.github.com or https://HOST/api/v3; `web`: https://github.com or https://HOST. */
export interface Bases {
  api: string;
  web: string;
}

export const DOTCOM: Bases = { api: 'https://api.github.com', web: 'https://github.com' };

const seg = encodeURIComponent;

export function nodeId(kind: string, id: number): string {
  return Buffer.from(`${String(kind.length).padStart(2, '0')}:${kind}${id}`).toString('base64');
}

/** "2025-03-04T10:00:00+02:00", "2025-03-04T08:00:00.000Z", ... (GitHub mixes these). */
export function formatTime(ms: number, offsetMin = 0, millis = false): string {
  const shifted = new Date(ms + offsetMin * 60_000).toISOString(); // "...T..:..:..sssZ"
  const base = millis ? shifted.slice(0, 23) : shifted.slice(0, 19);
  if (offsetMin === 0) return `${base}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${base}${sign}${hh}:${mm}`;
}

/** GitHub's usual `YYYY-MM-DDTHH:MM:SSZ`. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export interface AccountLike {
  login: string;
  id: number;
  type: 'User' | 'Organization' | 'Bot';
  name?: string | null;
}

export interface SimpleUserJson {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string | null;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: string;
  user_view_type?: string;
  site_admin: boolean;
}

/** "Organization Programmatic Access Grant" as the API returns it. */
export interface GrantJson {
  id: number;
  owner: SimpleUserJson;
  repository_selection: 'none' | 'all' | 'subset';
  repositories_url: string;
  permissions: GrantRecord['permissions'];
  access_granted_at: string;
  token_id: number;
  token_name: string;
  token_expired: boolean;
  token_expires_at: string | null;
  token_last_used_at: string | null;
}

/** Simple User (all required fields). Organizations use the same shape with type "Organization". */
export function simpleUser(u: AccountLike, b: Bases): SimpleUserJson {
  const api = `${b.api}/users/${seg(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId(u.type === 'Organization' ? 'Organization' : 'User', u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${b.web}/${seg(u.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function privateUser(u: SeedUser, b: Bases): Record<string, unknown> {
  const created = Date.UTC(2015, 0, 1) + (u.id % 3000) * 86_400_000;
  return {
    ...simpleUser(u, b),
    user_view_type: 'private',
    name: u.name,
    company: null,
    blog: '',
    location: null,
    email: null,
    notification_email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 3,
    public_gists: 0,
    followers: 5,
    following: 2,
    created_at: isoSeconds(created),
    updated_at: isoSeconds(created + 400 * 86_400_000),
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 1024,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

export function orgSimple(o: { login: string; id: number }, b: Bases): Record<string, unknown> {
  const api = `${b.api}/orgs/${seg(o.login)}`;
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId('Organization', o.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${o.id}?v=4`,
    description: null,
  };
}

/** Minimal Repository (all required fields and the common optional ones). */
export function minimalRepo(r: SeedRepo, org: AccountLike, b: Bases): Record<string, unknown> {
  const full = `${org.login}/${r.name}`;
  const api = `${b.api}/repos/${seg(org.login)}/${seg(r.name)}`;
  const host = new URL(b.web).host;
  return {
    id: r.id,
    node_id: nodeId('Repository', r.id),
    name: r.name,
    full_name: full,
    private: r.private,
    owner: simpleUser(org, b),
    html_url: `${b.web}/${full}`,
    description: r.description,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${full}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${full}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${b.web}/${full}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: `${b.web}/${full}`,
    homepage: null,
    language: r.language,
    forks_count: r.id % 7,
    stargazers_count: r.id % 50,
    watchers_count: r.id % 50,
    size: r.id % 100_000,
    default_branch: 'main',
    open_issues_count: r.id % 13,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    archived: r.archived,
    disabled: false,
    visibility: r.visibility,
    pushed_at: isoSeconds(r.pushedAt),
    created_at: isoSeconds(r.createdAt),
    updated_at: isoSeconds(r.pushedAt),
    allow_forking: false,
    web_commit_signoff_required: false,
    forks: r.id % 7,
    open_issues: r.id % 13,
    watchers: r.id % 50,
  };
}

export function isExpired(g: GrantRecord, now: number): boolean {
  return g.expiresAt !== null && g.expiresAt <= now;
}

function grantCommon(g: GrantRecord, org: AccountLike, b: Bases, now: number, path: string) {
  const t = (ms: number) => formatTime(ms, g.tzOffsetMin, g.millis);
  return {
    id: g.id,
    owner: simpleUser(g.owner, b),
    repository_selection: g.repositorySelection,
    repositories_url: `${b.api}/organizations/${org.id}/${path}/${g.id}/repositories`,
    permissions: g.permissions,
    created: t(g.grantedAt),
    token_id: g.tokenId,
    token_name: g.tokenName,
    token_expired: isExpired(g, now),
    token_expires_at: g.expiresAt === null ? null : t(g.expiresAt),
    token_last_used_at: g.lastUsedAt === null ? null : t(g.lastUsedAt),
  };
}

/** "Organization Programmatic Access Grant". */
export function grantJson(g: GrantRecord, org: AccountLike, b: Bases, now: number): GrantJson {
  const { created, ...rest } = grantCommon(g, org, b, now, 'personal-access-tokens');
  const { id, owner, repository_selection, repositories_url, permissions, ...tail } = rest;
  return {
    id,
    owner,
    repository_selection,
    repositories_url,
    permissions,
    access_granted_at: created,
    ...tail,
  };
}

/** "Simple Organization Programmatic Access Grant Request". */
export function requestJson(g: GrantRecord, org: AccountLike, b: Bases, now: number) {
  const { created, id, ...rest } = grantCommon(g, org, b, now, 'personal-access-token-requests');
  return { id, reason: g.reason ?? null, ...rest, created_at: created };
}
