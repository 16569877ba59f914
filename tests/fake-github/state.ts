// In-process state of the fake: the app, orgs (live and revoked grants), tokens, device codes.

import type { Principal } from './auth.ts';
import { settleDecisions } from './decisions.ts';
import {
  type GrantRecord,
  generateOrg,
  type OrgSeed,
  type SeedOrgOptions,
  type SeedRepo,
  type SeedUser,
} from './seed.ts';
import { type CredentialRecord, generateCredentials } from './sso-seed.ts';
import type { AppKeys } from './tls.ts';

export type Role = 'admin' | 'member';

export interface FakeApp extends AppKeys {
  appId: number;
  /** Client ID, `Iv23li…` like GitHub Apps created since 2024. */
  clientId: string;
  clientSecret: string;
  slug: string;
  name: string;
  ownerLogin: string;
  deviceFlowEnabled: boolean;
}

export interface RevocationInfo {
  grant: GrantRecord;
  requestedAt: number;
  /** null while the (asynchronous) bulk revocation is still queued. */
  completedAt: number | null;
  via: 'bulk' | 'single';
}

export interface OrgState {
  login: string;
  id: number;
  name: string;
  seed: OrgSeed;
  installed: boolean;
  installationId: number;
  installedAt: number;
  /** App installation permissions, e.g. `{ organization_personal_access_tokens: 'write' }`. */
  permissions: Record<string, string>;
  /** Lowercased login → role (`admin` = organization owner). */
  members: Map<string, { login: string; role: Role }>;
  users: SeedUser[];
  reposById: Map<number, SeedRepo>;
  /** Live grants (still listed), newest first. */
  grants: GrantRecord[];
  /** Every grant that ever existed in this org, by grant id. */
  grantsById: Map<number, GrantRecord>;
  /** Grant id → time the queued revocation completes. */
  pending: Map<number, number>;
  revoked: Map<number, RevocationInfo>;
  /** Pending PAT requests (still listed), newest first. */
  requests: GrantRecord[];
  /** Request id → the owner's decision on it, queued or applied (requests.ts). */
  decisions: Map<number, RequestDecision>;
  /** SAML single sign-on enforced (GHEC). */
  saml: boolean;
  /** Lowercased logins with an active SAML session for this org right now. */
  samlSessions: Set<string>;
  /** SAML SSO credential authorizations still listed (sso.ts), and the ids removed, in order. */
  credentials: CredentialRecord[];
  removedCredentials: number[];
}

export interface RequestDecision {
  request: GrantRecord;
  action: 'approve' | 'deny';
  reason: string | null;
  decidedAt: number;
  /** When GitHub applies it (the request leaves the list); in the future while queued. */
  dueAt: number;
  applied: boolean;
  via: 'bulk' | 'single';
  /** The grant an approval created, once applied. */
  grantId?: number;
}

export interface InstallationToken {
  token: string;
  installationId: number;
  createdAt: number;
  expiresAt: number;
  permissions: Record<string, string>;
}

export interface UserToken {
  token: string;
  login: string;
  createdAt: number;
  expiresAt: number;
  /**
   * Lowercased SAML orgs the user had an active SAML session for when the token was issued:
   * GitHub's "SAML and GitHub Apps" says a user who authorised the App without one does not
   * see the org's resources until they start a session, revoke, and authorise again.
   */
  samlOrgs: Set<string>;
}

export interface RefreshToken {
  token: string;
  login: string;
  expiresAt: number;
}

export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  createdAt: number;
  expiresAt: number;
  interval: number;
  lastPollAt: number | null;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  login?: string;
}

export interface FakeState {
  app: FakeApp;
  /** Lowercased login → user (token owners, org members, device-flow users). */
  users: Map<string, SeedUser>;
  /** Lowercased org login → org. */
  orgs: Map<string, OrgState>;
  installationTokens: Map<string, InstallationToken>;
  userTokens: Map<string, UserToken>;
  refreshTokens: Map<string, RefreshToken>;
  /** device_code → record. */
  deviceCodes: Map<string, DeviceCode>;
  /** The user "signed in" on the fake github.com (used by the /login/device form). */
  webUser: string;
  colorMode: 'light' | 'dark';
}

/** Resolved server options (see FakeOptions in server.ts). */
export interface FakeConfig {
  revokeDelayMs: number;
  deviceInterval: number;
  deviceCodeTtlSec: number;
  installationTokenTtlSec: number;
  userTokenTtlSec: number;
  unknownRevokeIds: 'not_found' | 'unprocessable' | 'ignore';
  rateLimit: number;
  anonymousRateLimit: number;
  logBodies: boolean;
  /** GHES hosts play this version ("3.10"…"3.19"; unset = current), see versions.ts. */
  ghesVersion?: string;
}

/** What a handler gets besides the request: the state and the caller. */
export interface Env {
  state: FakeState;
  config: FakeConfig;
  principal: Principal;
  now: number;
}

export const DEFAULT_PERMISSIONS: Record<string, string> = {
  members: 'read',
  organization_personal_access_tokens: 'write',
  organization_personal_access_token_requests: 'read',
};

export interface FakeOrgOptions extends SeedOrgOptions {
  /** Is the fake app installed on this org? Default true. */
  installed?: boolean;
  /** Installation permissions; default DEFAULT_PERMISSIONS. */
  permissions?: Record<string, string>;
  /** Organization owners (role admin). Default ['octo-owner']. */
  owners?: string[];
  /** Plain members. Default ['octo-member']. Token owners are members too. */
  members?: string[];
  /** SAML SSO enforced; user tokens then see the org only if issued during a SAML session. */
  saml?: boolean;
  /** Logins with an active SAML session (default none). */
  samlSessions?: string[];
  /** SAML credential authorizations to generate (default 0); listed only when `saml` is set. */
  credentials?: number;
}

export function createState(app: FakeApp): FakeState {
  return {
    app,
    users: new Map(),
    orgs: new Map(),
    installationTokens: new Map(),
    userTokens: new Map(),
    refreshTokens: new Map(),
    deviceCodes: new Map(),
    webUser: 'octo-owner',
    colorMode: 'light',
  };
}

let userIdSeq = 50_000_000;

export function ensureUser(state: FakeState, login: string): SeedUser {
  const key = login.toLowerCase();
  let u = state.users.get(key);
  if (!u) {
    userIdSeq += 17;
    u = { login, id: userIdSeq, name: null, type: 'User' };
    state.users.set(key, u);
  }
  return u;
}

export function addOrg(state: FakeState, login: string, opts: FakeOrgOptions, now: number): OrgState {
  const seed = generateOrg(login, opts);
  const members = new Map<string, { login: string; role: Role }>();
  for (const u of seed.users) {
    if (!state.users.has(u.login.toLowerCase())) state.users.set(u.login.toLowerCase(), u);
    members.set(u.login.toLowerCase(), { login: u.login, role: 'member' });
  }
  for (const m of opts.members ?? ['octo-member']) {
    members.set(m.toLowerCase(), { login: ensureUser(state, m).login, role: 'member' });
  }
  for (const o of opts.owners ?? ['octo-owner']) {
    members.set(o.toLowerCase(), { login: ensureUser(state, o).login, role: 'admin' });
  }
  const org: OrgState = {
    login,
    id: seed.id,
    name: seed.name,
    seed,
    installed: opts.installed ?? true,
    installationId: 40_000_000 + (seed.id % 9_000_000),
    installedAt: now - 90 * 86_400_000,
    permissions: { ...(opts.permissions ?? DEFAULT_PERMISSIONS) },
    members,
    users: seed.users,
    reposById: new Map(seed.repos.map((r) => [r.id, r])),
    grants: [...seed.grants],
    grantsById: new Map(seed.grants.map((g) => [g.id, g])),
    pending: new Map(),
    revoked: new Map(),
    requests: [...seed.requests],
    decisions: new Map(),
    saml: opts.saml ?? false,
    samlSessions: new Set((opts.samlSessions ?? []).map((login) => login.toLowerCase())),
    credentials: generateCredentials(seed, seed.users, opts.credentials ?? 0, {
      seed: opts.seed,
      now: seed.now,
      hostile: opts.hostile,
    }),
    removedCredentials: [],
  };
  state.orgs.set(login.toLowerCase(), org);
  return org;
}

export function findOrg(state: FakeState, login: string): OrgState | undefined {
  return state.orgs.get(login.toLowerCase());
}

/** Can this user token see the org at all? Not a SAML org it was issued outside a session for. */
export function userSeesOrg(token: UserToken, org: OrgState): boolean {
  return !org.saml || token.samlOrgs.has(org.login.toLowerCase());
}

export function findOrgById(state: FakeState, id: number): OrgState | undefined {
  for (const o of state.orgs.values()) if (o.id === id) return o;
  return undefined;
}

export function findOrgByInstallation(state: FakeState, id: number): OrgState | undefined {
  for (const o of state.orgs.values()) if (o.installationId === id && o.installed) return o;
  return undefined;
}

/** Complete queued revocations and request decisions whose time has come (lazy: on every access). */
export function settle(org: OrgState, now: number): void {
  settleDecisions(org, now);
  if (org.pending.size === 0) return;
  const done = new Set<number>();
  for (const [id, due] of org.pending) {
    if (due <= now) {
      done.add(id);
      const info = org.revoked.get(id);
      if (info) info.completedAt = due;
    }
  }
  if (done.size === 0) return;
  for (const id of done) org.pending.delete(id);
  org.grants = org.grants.filter((g) => !done.has(g.id));
}

/** Queue (delayMs > 0) or perform a revocation. Returns false if the grant is not in the org. */
export function revokeGrant(
  org: OrgState,
  id: number,
  now: number,
  delayMs: number,
  via: 'bulk' | 'single',
): boolean {
  const grant = org.grantsById.get(id);
  if (!grant) return false;
  const existing = org.revoked.get(id);
  if (existing && existing.completedAt !== null) return true;
  if (!existing) org.revoked.set(id, { grant, requestedAt: now, completedAt: null, via });
  if (delayMs > 0 && !org.pending.has(id)) org.pending.set(id, now + delayMs);
  if (delayMs <= 0) org.pending.set(id, now);
  settle(org, now);
  return true;
}

export function isLive(org: OrgState, id: number): boolean {
  return org.grantsById.has(id) && !org.revoked.get(id)?.completedAt;
}
