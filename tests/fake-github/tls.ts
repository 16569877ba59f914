// TLS material for the fake: a self-signed certificate for github.com, api.github.com, ghes.test,
// octocorp.ghe.com, api.octocorp.ghe.com and 127.0.0.1, plus the fake GitHub App's RSA key. Both are cached in os.tmpdir() by a fixed
// name so that parallel test workers and repeated runs share them.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GHE_API_HOST, GHE_WEB_HOST } from './hosts.ts';

export const CERT_HOSTS = ['github.com', 'api.github.com', 'ghes.test', GHE_WEB_HOST, GHE_API_HOST] as const;

const CERT_FILE = join(tmpdir(), 'patrol-fake-github-cert.pem');
const KEY_FILE = join(tmpdir(), 'patrol-fake-github-key.pem');
const APP_KEY_FILE = join(tmpdir(), 'patrol-fake-github-app-key.pem');

export interface TlsMaterial {
  cert: string;
  key: string;
}

function certStillGood(certPem: string): boolean {
  try {
    const x509 = new X509Certificate(certPem);
    const validTo = Date.parse(x509.validTo);
    const san = x509.subjectAltName ?? '';
    const hostsOk = CERT_HOSTS.every((h) => san.includes(`DNS:${h}`));
    return hostsOk && validTo - Date.now() > 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/** Write atomically so a concurrent reader never sees half a file. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

/** The server certificate and key (generated with openssl on first use, then cached). */
export function loadTls(): TlsMaterial {
  if (existsSync(CERT_FILE) && existsSync(KEY_FILE)) {
    const cert = readFileSync(CERT_FILE, 'utf8');
    const key = readFileSync(KEY_FILE, 'utf8');
    if (certStillGood(cert) && key.includes('PRIVATE KEY')) return { cert, key };
  }
  const stamp = `${process.pid}.${Date.now()}`;
  const certTmp = join(tmpdir(), `patrol-fake-github-cert.${stamp}.tmp`);
  const keyTmp = join(tmpdir(), `patrol-fake-github-key.${stamp}.tmp`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '30',
      '-subj',
      '/CN=github.com',
      '-addext',
      `subjectAltName=${CERT_HOSTS.map((h) => `DNS:${h}`).join(',')},IP:127.0.0.1`,
      '-keyout',
      keyTmp,
      '-out',
      certTmp,
    ],
    { stdio: 'pipe' },
  );
  // Key first: a reader that finds the new cert must also find its key.
  renameSync(keyTmp, KEY_FILE);
  renameSync(certTmp, CERT_FILE);
  return { cert: readFileSync(CERT_FILE, 'utf8'), key: readFileSync(KEY_FILE, 'utf8') };
}

export interface AppKeys {
  /** PEM "BEGIN RSA PRIVATE KEY", the format GitHub issues. */
  privateKeyPkcs1: string;
  /** PEM "BEGIN PRIVATE KEY". */
  privateKeyPkcs8: string;
  /** PEM "BEGIN PUBLIC KEY" (SPKI), used to verify app JWTs. */
  publicKey: string;
}

/** The fake GitHub App's RSA key pair (cached in os.tmpdir()). */
export function loadAppKeys(): AppKeys {
  let pkcs1: string | undefined;
  if (existsSync(APP_KEY_FILE)) {
    const text = readFileSync(APP_KEY_FILE, 'utf8');
    if (text.includes('BEGIN RSA PRIVATE KEY')) pkcs1 = text;
  }
  if (!pkcs1) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    writeAtomic(APP_KEY_FILE, pkcs1);
  }
  const key = createPrivateKey(pkcs1);
  return {
    privateKeyPkcs1: pkcs1,
    privateKeyPkcs8: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
  };
}
