// `patrol audit --sso`: each org's SAML SSO credential authorizations (GitHub Enterprise Cloud),
// listed through the extension's module, written as the panel's SSO CSV, as JSON lines with
// native types, and as a section of the Markdown summary. An org without SAML is a note, not a
// failure; an App without "Administration" is a failure (the owner asked for these).
import type { GitHubClient } from '../github/client';
import { listCredentialAuthorizations } from '../github/credential-authorizations';
import type { RiskLevel } from '../risk';
import { type SsoUnavailable, ssoUnavailableOf } from '../sso/availability';
import { type CredentialKind, KIND_LABEL, type SsoCredential } from '../sso/credential';
import { SSO_CSV_FIELDS, ssoCsv, ssoCsvFileName, ssoCsvRow } from '../sso/csv';
import { isStale, ssoRiskOf } from '../sso/risk';
import type { Format } from './args';
import { count, mdTable } from './markdown';

export type SsoAudit = { state: 'ok'; credentials: SsoCredential[] } | SsoUnavailable;

/** The org's credentials, or why it has none; other failures throw. */
export async function auditSso(
  client: GitHubClient,
  org: string,
  onProgress: (loaded: number) => void,
): Promise<SsoAudit> {
  try {
    return { state: 'ok', credentials: await listCredentialAuthorizations(client, org, { onProgress }) };
  } catch (error) {
    const unavailable = ssoUnavailableOf(error, org);
    if (unavailable) return unavailable;
    throw error;
  }
}

const NUMBERS: ReadonlySet<string> = new Set([
  'credential_id',
  'authorized_credential_id',
  'days_since_last_used',
]);

/** One JSON object a credential: the SSO CSV's cells, empty as null, numbers as numbers, scopes as a list. */
export function ssoJson(c: SsoCredential, org: string, now: number): Record<string, unknown> {
  const cells = ssoCsvRow(c, org, now);
  const out: Record<string, unknown> = {};
  SSO_CSV_FIELDS.forEach((field, i) => {
    const cell = cells[i] ?? '';
    if (field === 'scopes') out[field] = [...c.scopes];
    else if (NUMBERS.has(field)) out[field] = cell === '' ? null : Number(cell);
    else out[field] = cell === '' ? null : cell;
  });
  return out;
}

/** The SSO output of one org in `format` (csv or json), or null when it has none to write. */
export function ssoOutput(
  audit: SsoAudit,
  org: string,
  format: Format,
  now: number,
): { name: string; text: string } | null {
  if (audit.state !== 'ok' || format === 'md') return null;
  const name = ssoCsvFileName(org, now);
  if (format === 'csv') return { name, text: ssoCsv(audit.credentials, org, now) };
  const text = audit.credentials.map((c) => `${JSON.stringify(ssoJson(c, org, now))}\n`).join('');
  return { name: name.replace(/\.csv$/, '.jsonl'), text };
}

const KINDS: readonly CredentialKind[] = ['pat', 'ssh', 'oauth', 'app'];

/** The summary's section: counts by risk and by type, stale and never-expiring credentials. */
export function ssoSummaryMarkdown(audit: SsoAudit, now: number): string {
  // PATrol's own sentence about an org name the arguments allowed ([A-Za-z0-9-]): not hostile text.
  if (audit.state !== 'ok') return `### SSO credentials\n\n${audit.message}\n`;
  const { credentials } = audit;
  const risk: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0 };
  const kinds = new Map<CredentialKind, number>();
  let stale = 0;
  let never = 0;
  for (const c of credentials) {
    risk[ssoRiskOf(c, now)] += 1;
    kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    if (isStale(c, now)) stale += 1;
    if (c.kind !== 'ssh' && c.expiresAt === null) never += 1;
  }
  const right = new Set([1]);
  return [
    '### SSO credentials',
    `${count(credentials.length)} SAML SSO credential authorizations · ${count(stale)} unused 90 days · ${count(never)} tokens never expire`,
    mdTable(
      ['Risk', 'Credentials'],
      [
        ['High', count(risk.high)],
        ['Medium', count(risk.medium)],
        ['Low', count(risk.low)],
      ],
      right,
    ),
    mdTable(
      ['Type', 'Credentials'],
      KINDS.filter((k) => kinds.has(k)).map((k) => [KIND_LABEL[k], count(kinds.get(k) ?? 0)]),
      right,
    ),
  ]
    .join('\n\n')
    .concat('\n');
}
