// GitHub issues App private keys as PKCS#1 ("BEGIN RSA PRIVATE KEY"); WebCrypto, and so
// universal-github-app-jwt in a browser, only imports PKCS#8. Wrapping the PKCS#1 body in
// a PKCS#8 PrivateKeyInfo is a fixed DER prefix plus lengths, so no ASN.1 library is needed.
import { PatrolError } from '../errors';

export class KeyFormatError extends PatrolError {
  override name = 'KeyFormatError';
  constructor(message: string) {
    super('bad_key', message);
  }
}

const PKCS1 = /-----BEGIN RSA PRIVATE KEY-----([\s\S]*?)-----END RSA PRIVATE KEY-----/;
const PKCS8 = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/;

function base64ToBytes(body: string): Uint8Array {
  const clean = body.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) {
    throw new KeyFormatError('The private key is damaged: its body is not valid base64.');
  }
  const binary = atob(clean);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n >>= 8) out.unshift(n & 0xff);
  return [0x80 | out.length, ...out];
}

function derNode(tag: number, content: Uint8Array): Uint8Array {
  const header = [tag, ...derLength(content.length)];
  const out = new Uint8Array(header.length + content.length);
  out.set(header);
  out.set(content, header.length);
  return out;
}

// INTEGER 0, then AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }.
const VERSION_AND_ALGORITHM = [
  0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

function wrapPkcs1(pkcs1: Uint8Array): Uint8Array {
  const octets = derNode(0x04, pkcs1);
  const body = new Uint8Array(VERSION_AND_ALGORITHM.length + octets.length);
  body.set(VERSION_AND_ALGORITHM);
  body.set(octets, VERSION_AND_ALGORITHM.length);
  return derNode(0x30, body);
}

function toPem(der: Uint8Array): string {
  const lines = bytesToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/** Returns the key as PKCS#8 PEM, accepting PKCS#1 (as GitHub issues it) or PKCS#8. */
export function toPkcs8Pem(pem: string): string {
  // Keys pasted from environment files often carry literal "\n" sequences.
  const text = pem.replace(/\\n/g, '\n').trim();
  const pkcs1 = PKCS1.exec(text);
  if (pkcs1) return toPem(wrapPkcs1(base64ToBytes(pkcs1[1] ?? '')));
  const pkcs8 = PKCS8.exec(text);
  if (pkcs8) return toPem(base64ToBytes(pkcs8[1] ?? ''));
  if (text.includes('OPENSSH PRIVATE KEY')) {
    throw new KeyFormatError(
      'This is an SSH key, not a GitHub App key. Download a private key from the App settings page (Private keys → Generate a private key).',
    );
  }
  if (text.includes('ENCRYPTED PRIVATE KEY')) {
    throw new KeyFormatError(
      'The private key is encrypted. Paste the .pem file exactly as GitHub issued it.',
    );
  }
  throw new KeyFormatError(
    'This is not a private key. Paste the whole .pem file GitHub gave you, from "-----BEGIN RSA PRIVATE KEY-----" to the END line.',
  );
}

/** Imports the key with WebCrypto to prove it is a usable RSA signing key. */
export async function checkPrivateKey(pem: string): Promise<string> {
  const pkcs8 = toPkcs8Pem(pem);
  const body = pkcs8.replace(/-----[A-Z ]+-----/g, '');
  try {
    await crypto.subtle.importKey(
      'pkcs8',
      base64ToBytes(body) as Uint8Array<ArrayBuffer>,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
  } catch {
    throw new KeyFormatError(
      'The private key could not be read: it is truncated or not an RSA key. Paste the whole .pem file again.',
    );
  }
  return pkcs8;
}
