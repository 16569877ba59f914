// Seed data and JSON for SAML SSO credential authorizations (see sso.ts): deterministic per
// org and seed, rendered in the shape of GHEC's "Credential Authorization" schema.
import { formatTime } from './render.ts';
import { HOSTILE_STRINGS, hashString, mulberry32, pick, type SeedUser } from './seed.ts';

export type CredentialType = 'personal access token' | 'SSH key' | 'OAuth app token' | 'GitHub app token';

export interface CredentialRecord {
  credentialId: number;
  login: string;
  type: CredentialType;
  authorizedAt: number;
  accessedAt: number | null;
  authorizedCredentialId: number | null;
  lastEight?: string;
  scopes?: string[];
  fingerprint?: string;
  title?: string | null;
  note?: string | null;
  expiresAt?: number | null;
}

const DAY = 86_400_000;
const SCOPES = ['repo', 'workflow', 'read:org', 'admin:org', 'delete_repo', 'gist', 'user', 'read:packages'];
const NOTES = ['laptop', 'ci deploy', 'terraform', 'gh cli', 'backup job', 'release', 'jira sync'];
const TYPES: CredentialType[] = ['personal access token', 'SSH key', 'OAuth app token', 'GitHub app token'];

/** Deterministic credentials for an org's users: classic PATs half the time, then SSH keys, OAuth, App. */
export function generateCredentials(
  org: { login: string; id: number },
  users: readonly SeedUser[],
  count: number,
  opts: { seed?: number; now: number; hostile?: boolean },
): CredentialRecord[] {
  const rand = mulberry32(hashString(`${org.login}:sso`) ^ (opts.seed ?? 1));
  const hex = () =>
    Math.floor(rand() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  const out: CredentialRecord[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    const type = r < 0.5 ? TYPES[0] : r < 0.75 ? TYPES[1] : r < 0.9 ? TYPES[2] : TYPES[3];
    const user = users.length ? pick(rand, users) : { login: 'octo-member' };
    const authorizedAt = opts.now - Math.floor(rand() * 700 * DAY);
    const used = rand();
    const accessedAt = used < 0.15 ? null : Math.min(opts.now, authorizedAt + Math.floor(used * 400 * DAY));
    const base: CredentialRecord = {
      credentialId: org.id * 10 + 7_000_000 + i * 3,
      login: user.login,
      type: type as CredentialType,
      authorizedAt,
      accessedAt,
      authorizedCredentialId: 90_000_000 + i * 7,
    };
    const hostileNote = opts.hostile && i % 11 === 0 ? pick(rand, HOSTILE_STRINGS) : null;
    if (type === 'SSH key') {
      out.push({ ...base, fingerprint: `SHA256:${hex()}${hex()}${hex()}`, title: hostileNote ?? `key-${i}` });
      continue;
    }
    const scopes = SCOPES.filter(() => rand() < 0.3);
    const expiry = rand();
    out.push({
      ...base,
      lastEight: hex(),
      scopes,
      note: type === 'personal access token' ? (hostileNote ?? pick(rand, NOTES)) : null,
      expiresAt: expiry < 0.3 ? null : opts.now + Math.floor((expiry - 0.45) * 400 * DAY),
    });
  }
  return out;
}

/** GitHub's Credential Authorization JSON; optional fields only for the types GitHub sends them for. */
export function credentialJson(c: CredentialRecord): Record<string, unknown> {
  const time = (ms: number) => formatTime(ms);
  const out: Record<string, unknown> = {
    login: c.login,
    credential_id: c.credentialId,
    credential_type: c.type,
    credential_authorized_at: time(c.authorizedAt),
    credential_accessed_at: c.accessedAt === null ? null : time(c.accessedAt),
    authorized_credential_id: c.authorizedCredentialId,
  };
  if (c.type === 'SSH key') {
    out.fingerprint = c.fingerprint;
    out.authorized_credential_title = c.title ?? null;
  } else {
    out.token_last_eight = c.lastEight;
    out.scopes = c.scopes ?? [];
    out.authorized_credential_note = c.note ?? null;
    out.authorized_credential_expires_at =
      c.expiresAt === null || c.expiresAt === undefined ? null : time(c.expiresAt);
  }
  return out;
}
