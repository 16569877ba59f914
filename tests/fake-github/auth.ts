// Authentication (who is calling) and authorization (may they call this), the way GitHub does it.
import { verify } from 'node:crypto';
import { fail, type Reply } from './http.ts';
import type { SeedUser } from './seed.ts';
import {
  type FakeApp,
  type FakeState,
  type InstallationToken,
  type OrgState,
  type UserToken,
  userSeesOrg,
} from './state.ts';
import { JWT_ISS_NOT_INTEGER } from './versions.ts';

export type Principal =
  | { kind: 'none' }
  | { kind: 'app' }
  | { kind: 'installation'; token: InstallationToken }
  | { kind: 'user'; token: UserToken; user: SeedUser }
  | { kind: 'pat' };

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reply: Reply };

export const JWT_UNDECODABLE = 'A JSON web token could not be decoded';
export const JWT_EXP_TOO_FAR = "'Expiration time' claim ('exp') is too far in the future";
export const JWT_EXP_PAST =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
export const JWT_IAT_BAD =
  "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
export const NOT_ACCESSIBLE = 'Resource not accessible by integration';
export const NOT_ACCESSIBLE_PAT = 'Resource not accessible by personal access token';

const badCredentials = (): Reply => fail(401, 'Bad credentials');

function b64urlJson(part: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Verify an app JWT (RS256, iss = app id or client id, exp − iat ≤ 600 s, clock checks). */
export function verifyJwt(
  jwt: string,
  app: FakeApp,
  nowMs: number,
  opts: { numericIssOnly?: boolean } = {},
): string | null {
  const parts = jwt.split('.');
  if (parts.length !== 3) return JWT_UNDECODABLE;
  const [h, p, s] = parts as [string, string, string];
  const header = b64urlJson(h);
  const payload = b64urlJson(p);
  if (!header || !payload || header.alg !== 'RS256') return JWT_UNDECODABLE;
  const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), app.publicKey, Buffer.from(s, 'base64url'));
  if (!ok) return JWT_UNDECODABLE;
  const iss = payload.iss;
  if (opts.numericIssOnly && !(typeof iss === 'number' || /^\d+$/.test(String(iss))))
    return JWT_ISS_NOT_INTEGER;
  const issOk =
    (typeof iss === 'number' && iss === app.appId) ||
    (typeof iss === 'string' && (iss === String(app.appId) || iss === app.clientId));
  if (!issOk) return JWT_UNDECODABLE;
  const now = Math.floor(nowMs / 1000);
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > now + 60) return JWT_IAT_BAD;
  if (typeof exp !== 'number' || exp <= now) return JWT_EXP_PAST;
  if (exp - iat > 600 + 5 || exp > now + 600 + 5) return JWT_EXP_TOO_FAR;
  return null;
}

/** Resolve the Authorization header. Errors are GitHub's 401s. */
export function authenticate(
  state: FakeState,
  authorization: string | undefined,
  now: number,
  opts: { numericIssOnly?: boolean } = {},
): AuthResult {
  if (!authorization) return { ok: true, principal: { kind: 'none' } };
  const m = /^\s*(bearer|token)\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return { ok: false, reply: badCredentials() };
  const value = m[2] as string;
  if (value.split('.').length === 3 && !value.startsWith('gh')) {
    const problem = verifyJwt(value, state.app, now, opts);
    return problem ? { ok: false, reply: fail(401, problem) } : { ok: true, principal: { kind: 'app' } };
  }
  if (value.startsWith('ghs_')) {
    const token = state.installationTokens.get(value);
    if (!token || token.expiresAt <= now) return { ok: false, reply: badCredentials() };
    return { ok: true, principal: { kind: 'installation', token } };
  }
  if (value.startsWith('ghu_')) {
    const token = state.userTokens.get(value);
    const user = token && state.users.get(token.login.toLowerCase());
    if (!token || !user || token.expiresAt <= now) return { ok: false, reply: badCredentials() };
    return { ok: true, principal: { kind: 'user', token, user } };
  }
  if (/^(github_pat_|ghp_|gho_)/.test(value)) return { ok: true, principal: { kind: 'pat' } };
  return { ok: false, reply: badCredentials() };
}

/** For the JWT-only routes (/app, /app/installations…, /orgs/{org}/installation). */
export function requireApp(p: Principal): Reply | null {
  return p.kind === 'app' ? null : fail(401, JWT_UNDECODABLE);
}

const LEVELS: Record<string, number> = { read: 1, write: 2, admin: 3 };

export function hasLevel(perms: Record<string, string>, name: string, level: string): boolean {
  return (LEVELS[perms[name] ?? ''] ?? 0) >= (LEVELS[level] ?? 99);
}

/**
 * Authorize an org-scoped App endpoint: installation token of *this* org's installation, or a
 * user token of an org owner where the app is installed; the app needs `perm` at `level`.
 */
export function authorizeOrg(
  p: Principal,
  org: OrgState,
  perm: string,
  level: 'read' | 'write',
  doc: string,
): Reply | null {
  const accepted = { 'x-accepted-github-permissions': `${perm}=${level}` };
  switch (p.kind) {
    case 'none':
      return fail(401, 'Requires authentication', doc);
    case 'pat':
      return fail(403, NOT_ACCESSIBLE_PAT, doc, accepted);
    case 'app':
      return fail(403, NOT_ACCESSIBLE, doc, accepted);
    case 'installation': {
      if (!org.installed || p.token.installationId !== org.installationId) {
        return fail(403, NOT_ACCESSIBLE, doc, accepted);
      }
      if (!hasLevel(p.token.permissions, perm, level)) return fail(403, NOT_ACCESSIBLE, doc, accepted);
      return null;
    }
    case 'user': {
      // A token issued outside a SAML session does not see the org's resources at all.
      if (!userSeesOrg(p.token, org)) return fail(404, 'Not Found', doc);
      if (!org.installed || !hasLevel(org.permissions, perm, level)) {
        return fail(403, NOT_ACCESSIBLE, doc, accepted);
      }
      // A user token holds only what both the user and the App may do, and GitHub documents no
      // special text for a member who is not an owner: the App's usual 403.
      const member = org.members.get(p.user.login.toLowerCase());
      if (member?.role !== 'admin') return fail(403, NOT_ACCESSIBLE, doc, accepted);
      return null;
    }
  }
}

/** Rate-limit bucket key for a principal. */
export function bucketKey(p: Principal, remote: string): string {
  switch (p.kind) {
    case 'installation':
      return `installation:${p.token.installationId}`;
    case 'user':
      return `user:${p.user.id}`;
    case 'app':
      return 'app';
    default:
      return `anonymous:${remote}`;
  }
}
