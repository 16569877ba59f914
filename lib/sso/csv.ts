// The SSO credentials CSV (`{org}-sso-credentials-{YYYY-MM-DD}.csv`), through lib/csv-write.ts,
// the one sanitiser: RFC 4180, CRLF, BOM, formula-like cells neutralised. Times are ISO 8601
// UTC; an empty cell means none (never used, never expires, not a token).
import { writeCsv } from '../csv-write';
import type { SsoCredential } from './credential';
import { ssoRiskOf } from './risk';

export const SSO_CSV_FIELDS = [
  'org',
  'credential_id',
  'authorized_credential_id',
  'credential_type',
  'owner_login',
  'title_or_note',
  'token_last_eight',
  'fingerprint',
  'scopes',
  'credential_authorized_at',
  'credential_accessed_at',
  'expires_at',
  'days_since_last_used',
  'risk',
] as const;

const DAY_MS = 86_400_000;
const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** One credential's cells, in SSO_CSV_FIELDS order (the CSV's and the command line's JSON). */
export function ssoCsvRow(c: SsoCredential, org: string, now: number): string[] {
  return [
    org,
    String(c.credentialId),
    c.authorizedCredentialId === null ? '' : String(c.authorizedCredentialId),
    c.githubType,
    c.login,
    c.label ?? '',
    c.lastEight ?? '',
    c.fingerprint ?? '',
    c.scopes.join('; '),
    iso(c.authorizedAt),
    iso(c.accessedAt),
    iso(c.expiresAt),
    c.accessedAt === null ? '' : String(Math.max(0, Math.floor((now - c.accessedAt) / DAY_MS))),
    ssoRiskOf(c, now),
  ];
}

export function ssoCsv(credentials: readonly SsoCredential[], org: string, now: number): string {
  return writeCsv(
    SSO_CSV_FIELDS,
    credentials.map((c) => ssoCsvRow(c, org, now)),
  );
}

export function ssoCsvFileName(org: string, now: number): string {
  const safe = org.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe}-sso-credentials-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
