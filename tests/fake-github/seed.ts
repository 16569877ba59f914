// Deterministic, fast generator of realistic org data (users, repositories, grants, requests).
// Same (login, options) → same data. Times are epoch ms; rendering to GitHub's JSON happens in
// render.ts. 50,000 grants generate in well under a second.

import {
  ADMIN_OK,
  BOTS,
  FIRST,
  HOSTILE_LOGINS,
  HOSTILE_STRINGS,
  hashString,
  idSequence,
  LANGS,
  LAST,
  mulberry32,
  NAME_A,
  NAME_B,
  OFFSETS,
  ORG_PERMS,
  OTHER_PERMS,
  pick,
  REASONS,
  REPO_A,
  REPO_B,
  REPO_PERMS,
} from './seed-data.ts';

export { HOSTILE_STRINGS, hashString, mulberry32, pick };

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

const DAY = 86_400_000;

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
  const nextId = idSequence(idBase, rand, 9999);
  for (const b of BOTS.slice(0, Math.min(BOTS.length, Math.max(1, Math.floor(count / 20))))) {
    seen.add(b);
    users.push({ login: b, id: nextId(), name: null, type: 'User' });
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
    users.push({ login, id: nextId(), name, type: 'User' });
  }
  return users;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function makeRepos(rand: () => number, count: number, now: number): SeedRepo[] {
  const repos: SeedRepo[] = [];
  const seen = new Set<string>();
  const nextId = idSequence(200_000_000 + Math.floor(rand() * 100_000_000), rand, 5000);
  for (let i = 0; repos.length < count; i++) {
    let name = `${pick(rand, REPO_A)}-${pick(rand, REPO_B)}`;
    if (seen.has(name)) name = `${name}-${i}`;
    seen.add(name);
    const vis = rand();
    const createdAt = now - Math.floor(((30 + rand() * 2500) * DAY) / 1000) * 1000;
    repos.push({
      id: nextId(),
      name,
      private: vis >= 0.2,
      visibility: vis < 0.2 ? 'public' : vis < 0.8 ? 'private' : 'internal',
      description: rand() < 0.7 ? `The ${name.replace('-', ' ')} repository` : null,
      language: pick(rand, LANGS),
      createdAt,
      pushedAt: Math.min(now, createdAt + Math.floor((rand() * 2000 * DAY) / 1000) * 1000),
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
    const withRepo: GrantPermissions = {
      repository: { metadata: 'read', ...somePerms(rand, REPO_PERMS, 5) },
    };
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
  else expiresAt = now + (1 + Math.floor(rand() * 366)) * DAY + Math.floor((rand() * DAY) / 1000) * 1000;
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
    reason: undefined,
    hostile: false,
  };
}

function mergeByTime(a: GrantRecord[], b: GrantRecord[]): GrantRecord[] {
  const out: GrantRecord[] = [];
  let j = 0;
  for (const g of a) {
    while (j < b.length && (b[j] as GrantRecord).grantedAt <= g.grantedAt) out.push(b[j++] as GrantRecord);
    out.push(g);
  }
  while (j < b.length) out.push(b[j++] as GrantRecord);
  return out;
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
  // Sorted uniform times via exponential spacings: ascending without an O(n log n) sort.
  const cum = new Float64Array(n + 1);
  let acc = 0;
  for (let i = 0; i <= n; i++) {
    acc += -Math.log(1 - rand());
    cum[i] = acc;
  }
  let all: GrantRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = now - span + Math.floor((span * (cum[i] ?? 0)) / acc / 1000) * 1000 - 1000;
    all[i] = makeGrant(ctx, t, pick(rand, names), ownerFor(rand, users));
  }
  if (opts.hostile) {
    const hostileUsers = HOSTILE_LOGINS.map((l, i) => ({
      login: l,
      id: 90_000_000 + i,
      name: i % 2 ? l : null,
      type: 'User' as const,
    }));
    users.push(...hostileUsers);
    const extra = HOSTILE_STRINGS.map((name, i) => {
      // Half are recent (first page, Active tokens HTML page); half are spread out.
      const t = i % 2 === 0 ? now - (i + 1) * 60_000 : now - Math.floor((rand() * span) / 1000) * 1000;
      const owner = i % 2 === 0 ? hostileUsers[i / 2] : undefined;
      const g = makeGrant(ctx, t, name, owner ?? ownerFor(rand, users));
      g.hostile = true;
      return g;
    });
    all = mergeByTime(
      all,
      extra.sort((a, b) => a.grantedAt - b.grantedAt),
    );
  }
  // Ids grow with grant time, with gaps; token ids are a separate, unrelated sequence.
  const nextGrantId = idSequence(100_000 + Math.floor(rand() * 900_000), rand, 40);
  const nextTokenId = idSequence(5_000_000 + Math.floor(rand() * 1_000_000), rand, 300);
  for (const g of all) {
    g.id = nextGrantId();
    g.tokenId = nextTokenId();
  }
  all.reverse();
  const requestCount = opts.requests ?? Math.min(200, Math.ceil(n / 50));
  const requests: GrantRecord[] = [];
  const nextRequestId = idSequence(7_000 + Math.floor(rand() * 1000), rand, 10);
  for (let i = 0; i < requestCount; i++) {
    const t = now - Math.floor((rand() * 30 * DAY) / 1000) * 1000;
    const r = makeGrant(ctx, t, pick(rand, names), ownerFor(rand, users));
    r.lastUsedAt = null;
    r.reason = pick(rand, REASONS);
    r.tokenId = nextTokenId();
    requests.push(r);
  }
  requests.sort((a, b) => b.grantedAt - a.grantedAt);
  for (const r of [...requests].reverse()) r.id = nextRequestId();
  const orgId = 10_000_000 + Math.floor(rand() * 80_000_000);
  return { login, id: orgId, name: `${cap(login)} Inc.`, users, repos, grants: all, requests, now };
}
