// What Save can check before it says "Saved" (PRODUCT.md "Options page"): the shape of the
// App's id and of the private key. GitHub itself is asked only by "Test connection".
import type { CredentialMode } from './protocol';

// GitHub App Client IDs: `Iv1.` and 16 hex digits (older Apps), or `Iv23li…` (20 characters).
const CLIENT_ID = /^Iv[0-9A-Za-z]{1,4}[.0-9A-Za-z]{6,36}$/;
const APP_ID = /^[1-9][0-9]{0,11}$/;

/** Why the id cannot be right, or null. */
export function clientIdProblem(raw: string, mode: CredentialMode): string | null {
  const id = raw.trim();
  if (id === '')
    return 'Enter the App\'s Client ID (it starts with "Iv"): on GitHub, open the App\'s settings → General → About.';
  if (/^Ov/.test(id))
    return '"Ov…" is the Client ID of an OAuth App. PATrol needs a GitHub App: its Client ID starts with "Iv".';
  if (/^(gh[opusr]_|github_pat_)/.test(id))
    return 'That is a token, not an App id. Enter the GitHub App\'s Client ID (it starts with "Iv") instead, and revoke the token if it was pasted anywhere.';
  if (APP_ID.test(id)) {
    return mode === 'device'
      ? 'Sign-in needs the Client ID (it starts with "Iv"), not the numeric App ID: both are under the App\'s settings → General → About.'
      : null;
  }
  if (CLIENT_ID.test(id)) return null;
  return 'This does not look like a GitHub App\'s Client ID ("Iv1.…" or "Iv23li…") or App ID (digits). Copy it from the App\'s settings → General → About.';
}

const BEGIN = /-----BEGIN ([A-Z ]+)-----/;

/** Why the pasted key cannot be a GitHub App private key, or null. */
export function privateKeyProblem(raw: string): string | null {
  const pem = raw.trim();
  const kind = BEGIN.exec(pem)?.[1];
  if (!kind)
    return 'Paste the whole .pem file GitHub downloaded, from "-----BEGIN RSA PRIVATE KEY-----" to its END line.';
  if (kind === 'OPENSSH PRIVATE KEY' || kind === 'EC PRIVATE KEY')
    return 'This is an SSH or EC key. A GitHub App\'s key is RSA: generate one on the App\'s page under "Private keys".';
  if (kind === 'ENCRYPTED PRIVATE KEY')
    return 'This key is encrypted. Paste the key exactly as GitHub downloaded it (unencrypted PEM).';
  if (kind.includes('PUBLIC KEY') || kind === 'CERTIFICATE')
    return "This is a public key or a certificate. Paste the private key (.pem) from the App's page.";
  if (kind !== 'RSA PRIVATE KEY' && kind !== 'PRIVATE KEY')
    return `PATrol does not read "${kind}" keys. Paste the App's .pem file.`;
  if (!pem.includes(`-----END ${kind}-----`))
    return `The key is cut short: its last line "-----END ${kind}-----" is missing. Paste the whole file.`;
  return null;
}
