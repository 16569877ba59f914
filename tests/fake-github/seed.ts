// Deterministic, fast generator of realistic org data (users, repositories, grants, requests).
// Same (login, options) → same data. Times are epoch ms; rendering to GitHub's JSON happens in
// render.ts. 50,000 grants generate in well under a second.

export type Level = 'read' | 'write' | 'admin';
export type PermissionMap = Record<string, Level>;
export interface GrantPermissions {
  organization?: PermissionMap;
  repository?: PermissionMap;
  other?: PermissionMap;
}

export interface SeedUser {
  login: string;
  id: number;
  name: string | null;
  type: 'User' | 'Bot';
}

export interface SeedRepo {
  id: number;
  name: string;
  private: boolean;
  visibility: 'public' | 'private' | 'internal';
  description: string | null;
  language: string | null;
  createdAt: number;
  pushedAt: number;
  archived: boolean;
}

export interface GrantRecord {
  /** Grant id = `pat_id` (revoke id). */
  id: number;
  owner: SeedUser;
  repositorySelection: 'none' | 'all' | 'subset';
  permissions: GrantPermissions;
  grantedAt: number;
  tokenId: number;
  tokenName: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
  /** UTC offset (minutes) used when this grant's times are rendered. */
  tzOffsetMin: number;
  /** Render times with milliseconds (`.000`) or not. */
  millis: boolean;
  /** Repository ids (only for `subset`). */
  repoIds: number[];
  /** Set for pending requests only. */
  reason?: string | null;
  hostile?: boolean;
}

export interface SeedOrgOptions {
  grants: number;
  seed?: number;
  hostile?: boolean;
  /** Pending PAT requests to generate (default ceil(grants / 50), max 200). */
  requests?: number;
  /** Reference time; default: start of the current UTC day (deterministic within a day). */
  now?: number;
}

export interface OrgSeed {
  login: string;
  id: number;
  name: string;
  users: SeedUser[];
  repos: SeedRepo[];
  grants: GrantRecord[];
  requests: GrantRecord[];
  now: number;
}

/** mulberry32: tiny, fast, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const DAY = 86_400_000;

const FIRST = 'alex ana ben carla chen dana diego elena emma farah felix grace hana ivan jade jonas kai lars lea liam maya mei nadia noah olga omar priya quinn raj rosa sam sara tariq uma victor wei yara yusuf zoe'.split(' ');
const LAST = 'adams baker chen diaz evans fischer garcia hansen ito jensen kim kowalski lopez martin meyer novak okafor patel quispe rossi silva smith tanaka ueda varga wang weber xu yilmaz zhang'.split(' ');
const BOTS = ['deploy-bot', 'ci-runner', 'release-robot', 'infra-automation', 'svc-backup'];
const REPO_A = 'api web infra docs billing auth search mobile data ml payments platform terraform helm design analytics gateway notifications admin edge'.split(' ');
const REPO_B = 'service app config site worker sdk cli tools pipelines charts ui core backend frontend monorepo scripts'.split(' ');
const LANGS = ['TypeScript', 'Go', 'Python', 'Ruby', 'HCL', 'Rust', 'Java', null];
const NAME_A = ['ci', 'deploy', 'release', 'terraform', 'renovate', 'backup', 'local dev', 'laptop', 'gh cli', 'codespaces', 'vault sync', 'monitoring', 'data export', 'migration', 'docs build', 'actions runner', 'package publish', 'security scan', 'test', 'my token', 'jira sync', 'slack bot', 'grafana', 'argo cd'];
const NAME_B = ['', '', ' (prod)', ' (staging)', '-2', ' 2024', ' 2025', ' temp', ' – do not delete', ' for Q3 audit', ' v2'];
const REPO_PERMS = ['contents', 'issues', 'pull_requests', 'actions', 'workflows', 'administration', 'secrets', 'deployments', 'environments', 'pages', 'checks', 'statuses', 'secret_scanning_alerts', 'security_events', 'vulnerability_alerts', 'discussions', 'codespaces', 'repository_hooks'];
const ORG_PERMS = ['members', 'organization_administration', 'organization_projects', 'organization_secrets', 'organization_self_hosted_runners', 'organization_hooks', 'organization_events', 'organization_user_blocking', 'organization_plan', 'organization_copilot_seat_management', 'custom_properties'];
const OTHER_PERMS = ['gists', 'followers', 'email_addresses', 'git_ssh_keys', 'gpg_keys', 'starring', 'profile', 'plan', 'watching'];
const ADMIN_OK = new Set(['organization_projects', 'organization_administration', 'administration']);
const OFFSETS = [0, 0, 0, 0, 0, -420, -480, -300, 60, 120, 330, 540];
const REASONS = ['Need to automate releases', 'CI for the docs site', null, 'Migrating issues', ''];

/** Strings meant to break HTML, CSV/spreadsheets, bidi rendering, layout. Exported for tests. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil","x")',
  '+SUM(1,1)',
  '-2+3',
  '@cmd',
  '\tTab-leading token',
  '\rCR-leading token',
  'x'.repeat(1000),
  '\u202Eexe.tnemucod',
  'zero\u200Bwidth\u200Cjoin\u200Dtoken\uFEFF',
  '🔥 deploy 🚀 👩‍💻',
  '"quoted", \'single\', comma, and\nnewline',
  '</td></tr><tr><td>injected',
  "Robert'); DROP TABLE tokens;--",
  'ünïcödé ΑΒΓ 漢字 עברית',
];
const HOSTILE_LOGINS = ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil","x")', '+SUM(1,1)', '@cmd', '-2+3', '\u202Ereversed'];

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function levelFor(rand: () => number, perm: string): Level {
  const r = rand();
  if (ADMIN_OK.has(perm) && r < 0.1) return 'admin';
  return r < 0.6 ? 'read' : 'write';
}

function somePerms(rand: () => number, pool: readonly string[], max: number): PermissionMap {
  const out: PermissionMap = {};
  const n = 1 + Math.floor(rand() * max);
  for (let i = 0; i < n; i++) {
    const p = pick(rand, pool);
    out[p] = levelFor(rand, p);
  }
  return out;
}

function makeUsers(rand: () => number, count: number, idBase: number): SeedUser[] {
  const users: SeedUser[] = [];
  const seen = new Set<string>();
  let id = idBase;
  for (const b of BOTS.slice(0, Math.min(BOTS.length, Math.max(1, Math.floor(count / 20))))) {
    seen.add(b);
    users.push({ login: b, id: (id += 1 + Math.floor(rand() * 999)), name: null, type: 'User' });
  }
  while (users.length < count) {
    const f = pick(rand, FIRST);
    const l = pick(rand, LAST);
    const style = rand();
    let login =
      style < 0.45 ? `${f}-${l}` : style < 0.7 ? `${f}${l[0]}` : style < 0.85 ? `${f[0]}${l}` : `${f}${l}`;
    if (rand() < 0.15) login = login.charAt(0).toUpperCase() + login.slice(1);
    if (seen.has(login.toLowerCase())) login = `${login}${1 + Math.floor(rand() * 9999)}`;
    if (seen.has(login.toLowerCase())) continue;
    seen.add(login.toLowerCase());
    const name = rand() < 0.8 ? `${cap(f)} ${cap(l)}` : null;
    users.push({ login, id: (id += 1 + Math.floor(rand() * 9999)), name, type: 'User' });
  }
  return users;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function makeRepos(rand: () => number, count: number, now: number): SeedRepo[] {
  const repos: SeedRepo[] = [];
  const seen = new Set<string>();
  let id = 200_000_000 + Math.floor(rand() * 100_000_000);
  for (let i = 0; repos.length < count; i++) {
    let name = `${pick(rand, REPO_A)}-${pick(rand, REPO_B)}`;
    if (seen.has(name)) name = `${name}-${i}`;
    seen.add(name);
    const vis = rand();
    const createdAt = now - Math.floor((30 + rand() * 2500) * DAY / 1000) * 1000;
    repos.push({
      id: (id += 1 + Math.floor(rand() * 5000)),
      name,
      private: vis >= 0.2,
      visibility: vis < 0.2 ? 'public' : vis < 0.8 ? 'private' : 'internal',
      description: rand() < 0.7 ? `The ${name.replace('-', ' ')} repository` : null,
      language: pick(rand, LANGS),
      createdAt,
      pushedAt: Math.min(now, createdAt + Math.floor(rand() * 2000 * DAY / 1000) * 1000),
      archived: rand() < 0.05,
    });
  }
  return repos;
}

interface GrantCtx {
  rand: () => number;
  perms: GrantPermissions[][];
  users: SeedUser[];
  repos: SeedRepo[];
  now: number;
}

/** Shared, frozen permission sets (allocating one map per grant made 50k grants GC-bound). */
function permissionPool(rand: () => number): GrantPermissions[][] {
  const pools: GrantPermissions[][] = [[], [], []]; // by selection: subset/all, none
  for (let i = 0; i < 400; i++) {
    const withRepo: GrantPermissions = { repository: { metadata: 'read', ...somePerms(rand, REPO_PERMS, 5) } };
    if (rand() < 0.35) withRepo.organization = somePerms(rand, ORG_PERMS, 3);
    if (rand() < 0.2) withRepo.other = somePerms(rand, OTHER_PERMS, 2);
    const orgOnly: GrantPermissions = { organization: somePerms(rand, ORG_PERMS, 3) };
    if (rand() < 0.2) orgOnly.other = somePerms(rand, OTHER_PERMS, 2);
    pools[0]?.push(Object.freeze(withRepo));
    pools[1]?.push(Object.freeze(orgOnly));
  }
  return pools;
}

function makeGrant(c: GrantCtx, grantedAt: number, name: string, owner: SeedUser): GrantRecord {
  const { rand, repos, now } = c;
  const sel = rand();
  const repositorySelection = sel < 0.5 ? 'subset' : sel < 0.8 ? 'all' : 'none';
  const permissions = pick(rand, c.perms[repositorySelection === 'none' ? 1 : 0] ?? []);
  const repoIds: number[] = [];
  if (repositorySelection === 'subset') {
    const n = 1 + Math.floor(rand() * 8);
    for (let k = 0; k < n; k++) {
      const r = pick(rand, repos).id;
      if (!repoIds.includes(r)) repoIds.push(r);
    }
  }
  const e = rand();
  let expiresAt: number | null;
  if (e < 0.15) expiresAt = null;
  else if (e < 0.35) expiresAt = Math.min(now - DAY, grantedAt + (7 + Math.floor(rand() * 90)) * DAY);
  else expiresAt = now + (1 + Math.floor(rand() * 366)) * DAY + Math.floor(rand() * DAY / 1000) * 1000;
  if (expiresAt !== null && expiresAt <= grantedAt) expiresAt = grantedAt + DAY;
  const u = rand();
  let lastUsedAt: number | null = null;
  const usedUntil = Math.min(now, expiresAt ?? now);
  if (u >= 0.2 && usedUntil > grantedAt) {
    const span = u < 0.7 ? Math.min(30 * DAY, usedUntil - grantedAt) : usedUntil - grantedAt;
    lastUsedAt = usedUntil - Math.floor((rand() * span) / 1000) * 1000;
  }
  return {
    id: 0,
    owner,
    repositorySelection,
    permissions,
    grantedAt,
    tokenId: 0,
    tokenName: name,
    expiresAt,
    lastUsedAt,
    tzOffsetMin: pick(rand, OFFSETS),
    millis: rand() < 0.5,
    repoIds,
  };
}

function ownerFor(rand: () => number, users: SeedUser[]): SeedUser {
  // Skewed: a few people own many tokens, most own one or two.
  const r = rand();
  return users[Math.floor(r * r * users.length)] as SeedUser;
}

/** Generate an org deterministically. Grants are returned newest first (GitHub's default order). */
export function generateOrg(login: string, opts: SeedOrgOptions): OrgSeed {
  const seed = opts.seed ?? hashString(login);
  const rand = mulberry32(seed);
  const now = opts.now ?? Math.floor(Date.now() / DAY) * DAY;
  const n = Math.max(0, Math.floor(opts.grants));
  const userCount = Math.max(3, Math.round(n / 8));
  const users = makeUsers(rand, userCount, 1_000_000 + Math.floor(rand() * 50_000_000));
  const repos = makeRepos(rand, Math.min(3000, Math.max(12, Math.round(n / 6))), now);
  const ctx: GrantCtx = { rand, perms: permissionPool(rand), users, repos, now };
  const names = NAME_A.flatMap((a) => NAME_B.map((b) => `${a}${b}`));
  const span = 3 * 365 * DAY;
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(now - Math.floor((rand() * span) / 1000) * 1000 - 1000);
  const all: GrantRecord[] = [];
  for (const t of times) all.push(makeGrant(ctx, t, pick(rand, names), ownerFor(rand, users)));
  if (opts.hostile) {
    const hostileUsers = HOSTILE_LOGINS.map((l, i) => ({
      login: l,
      id: 90_000_000 + i,
      name: i % 2 ? l : null,
      type: 'User' as const,
    }));
    users.push(...hostileUsers);
    HOSTILE_STRINGS.forEach((name, i) => {
      // Half are recent (first page, Active tokens HTML page); half are spread out.
      const t = i % 2 === 0 ? now - (i + 1) * 60_000 : now - Math.floor(rand() * span);
      const owner = i < hostileUsers.length * 2 && i % 2 === 0 ? hostileUsers[i / 2] : undefined;
      const g = makeGrant(ctx, t, name, owner ?? ownerFor(rand, users));
      g.hostile = true;
      all.push(g);
    });
  }
  // Ids grow with grant time, with gaps; token ids are a separate, unrelated sequence.
  all.sort((a, b) => a.grantedAt - b.grantedAt);
  let id = 100_000 + Math.floor(rand() * 900_000);
  let tokenId = 5_000_000 + Math.floor(rand() * 1_000_000);
  for (const g of all) {
    g.id = id += 1 + Math.floor(rand() * 40);
    g.tokenId = tokenId += 1 + Math.floor(rand() * 300);
  }
  all.reverse();
  const requestCount = opts.requests ?? Math.min(200, Math.ceil(n / 50));
  const requests: GrantRecord[] = [];
  let reqId = 7_000 + Math.floor(rand() * 1000);
  for (let i = 0; i < requestCount; i++) {
    const t = now - Math.floor((rand() * 30 * DAY) / 1000) * 1000;
    const r = makeGrant(ctx, t, pick(rand, names), ownerFor(rand, users));
    r.lastUsedAt = null;
    r.reason = pick(rand, REASONS);
    r.tokenId = tokenId += 1 + Math.floor(rand() * 300);
    requests.push(r);
  }
  requests.sort((a, b) => b.grantedAt - a.grantedAt);
  for (const r of [...requests].reverse()) r.id = reqId += 1 + Math.floor(rand() * 10);
  const orgId = 10_000_000 + Math.floor(rand() * 80_000_000);
  return { login, id: orgId, name: `${cap(login)} Inc.`, users, repos, grants: all, requests, now };
}
