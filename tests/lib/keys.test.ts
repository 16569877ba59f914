// @vitest-environment node
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPrivateKey, KeyFormatError, toPkcs8Pem } from '../../lib/github/keys';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('toPkcs8Pem', () => {
  it('converts a PKCS#1 key as GitHub issues it into the same key in PKCS#8', () => {
    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    expect(toPkcs8Pem(pkcs1).replace(/\s/g, '')).toBe(pkcs8.replace(/\s/g, ''));
  });

  it('accepts PKCS#8 unchanged and keys pasted with literal \\n', () => {
    expect(toPkcs8Pem(pkcs8).replace(/\s/g, '')).toBe(pkcs8.replace(/\s/g, ''));
    expect(toPkcs8Pem(pkcs1.replace(/\n/g, '\\n')).replace(/\s/g, '')).toBe(pkcs8.replace(/\s/g, ''));
  });

  it('signs with the converted key through WebCrypto, verifiable by the public key', async () => {
    const der = Buffer.from(toPkcs8Pem(pkcs1).replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    const key = await crypto.subtle.importKey(
      'pkcs8',
      der,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const signature = Buffer.from(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, Buffer.from('hello')));
    expect(createVerify('sha256').update('hello').verify(publicKey, signature)).toBe(true);
    // And Node signing with the original key gives the same deterministic signature.
    expect(createSign('sha256').update('hello').sign(privateKey).equals(signature)).toBe(true);
  });

  it.each([
    ['an SSH key', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----', /SSH key/],
    [
      'an encrypted key',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nabc\n-----END ENCRYPTED PRIVATE KEY-----',
      /encrypted/,
    ],
    ['a public key', publicKey.export({ type: 'spki', format: 'pem' }).toString(), /not a private key/],
    ['random text', 'hello', /not a private key/],
    [
      'damaged base64',
      '-----BEGIN RSA PRIVATE KEY-----\n@@@@\n-----END RSA PRIVATE KEY-----',
      /not valid base64/,
    ],
  ])('rejects %s with a message that says what to paste', (_name, pem, message) => {
    expect(() => toPkcs8Pem(pem)).toThrow(KeyFormatError);
    expect(() => toPkcs8Pem(pem)).toThrow(message);
  });

  it('rejects a truncated key when importing it', async () => {
    const lines = pkcs1.trim().split('\n');
    const truncated = [...lines.slice(0, 6), lines.at(-1)].join('\n');
    await expect(checkPrivateKey(truncated)).rejects.toThrow(/truncated/);
    await expect(checkPrivateKey(pkcs1)).resolves.toContain('BEGIN PRIVATE KEY');
  });
});
