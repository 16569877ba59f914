// Small text helpers of the SSO credentials tab.
import { KIND_LABEL, type SsoCredential } from '../../lib/sso/credential';

export const credentialsText = (n: number) =>
  `${n.toLocaleString()} ${n === 1 ? 'credential' : 'credentials'}`;

export const kindLabel = (c: SsoCredential) => KIND_LABEL[c.kind];

/** A date for a cell: the local day, or the word for none. */
export function day(ms: number | null, none: string): string {
  return ms === null ? none : new Date(ms).toLocaleDateString();
}

export function dayTime(ms: number | null, none: string): string {
  return ms === null ? none : `${new Date(ms).toLocaleString()} (${new Date(ms).toISOString()})`;
}
