// The SSO credential model: one SAML credential authorization of an org (GitHub Enterprise
// Cloud, "Credential Authorization"), normalised. Times are epoch milliseconds, so the same
// shape crosses the message boundary. Every string in it is GitHub's, hence hostile text.

/** PATrol's short names for GitHub's `credential_type` values (the filter's `type:`). */
export type CredentialKind = 'pat' | 'ssh' | 'oauth' | 'app';

export const KIND_OF_GITHUB_TYPE: Readonly<Record<string, CredentialKind>> = {
  'personal access token': 'pat',
  'SSH key': 'ssh',
  'OAuth app token': 'oauth',
  'GitHub app token': 'app',
};

export const KIND_LABEL: Readonly<Record<CredentialKind, string>> = {
  pat: 'Personal access token (classic)',
  ssh: 'SSH key',
  oauth: 'OAuth app token',
  app: 'GitHub App token',
};

export interface SsoCredential {
  /** The authorization's id: what DELETE takes. */
  credentialId: number;
  /** The underlying token's or key's stable id (null when GitHub omits it). */
  authorizedCredentialId: number | null;
  login: string;
  kind: CredentialKind;
  /** GitHub's own `credential_type`, kept for the CSV. */
  githubType: string;
  /** Last eight characters of a token; null for SSH keys. */
  lastEight: string | null;
  scopes: string[];
  fingerprint: string | null;
  /** SSH key title or token note. */
  label: string | null;
  authorizedAt: number | null;
  accessedAt: number | null;
  expiresAt: number | null;
}

const time = (value: unknown): number | null => {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
};
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : null;

/** One item of `GET /orgs/{org}/credential-authorizations`, or null when it has no usable id. */
export function normaliseCredential(raw: unknown): SsoCredential | null {
  if (raw === null || typeof raw !== 'object') return null;
  const item = raw as Record<string, unknown>;
  const credentialId = int(item.credential_id);
  if (credentialId === null) return null;
  const githubType = text(item.credential_type) ?? '';
  return {
    credentialId,
    authorizedCredentialId: int(item.authorized_credential_id),
    login: text(item.login) ?? '',
    // An unknown type (GitHub adds some) counts as a token: it is shown, never dropped.
    kind: KIND_OF_GITHUB_TYPE[githubType] ?? 'oauth',
    githubType,
    lastEight: text(item.token_last_eight),
    scopes: Array.isArray(item.scopes) ? item.scopes.filter((s): s is string => typeof s === 'string') : [],
    fingerprint: text(item.fingerprint),
    label: text(item.authorized_credential_title) ?? text(item.authorized_credential_note),
    authorizedAt: time(item.credential_authorized_at),
    accessedAt: time(item.credential_accessed_at),
    expiresAt: time(item.authorized_credential_expires_at),
  };
}

/** A name to show for a credential: its note or title, else what identifies it. */
export function credentialName(c: SsoCredential): string {
  if (c.label) return c.label;
  if (c.kind === 'ssh') return c.fingerprint ?? `SSH key ${c.credentialId}`;
  return c.lastEight ? `…${c.lastEight}` : `${KIND_LABEL[c.kind]} ${c.credentialId}`;
}
