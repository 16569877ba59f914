// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { clientIdProblem, privateKeyProblem } from '../../lib/credential-shape';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----\n';

describe('the shape of an App id', () => {
  it.each(['Iv23liPaTr0lFake9xQZ', 'Iv1.8a61f9b3a7aba766', ' Iv23li1234567890abcd '])('accepts %s', (id) => {
    expect(clientIdProblem(id, 'device')).toBeNull();
  });

  it('accepts a numeric App ID for the private key, not for sign-in', () => {
    expect(clientIdProblem('123456', 'private-key')).toBeNull();
    expect(clientIdProblem('123456', 'device')).toMatch(/needs the Client ID/);
  });

  it.each([
    ['', /Enter the App's Client ID/],
    ['Ov23liAbCdEfGhIjKlMn', /OAuth App/],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', /That is a token/],
    ['github_pat_11ABC', /That is a token/],
    ['hello world', /does not look like/],
    ['Iv1', /does not look like/],
  ])('explains what is wrong with %j', (id, message) => {
    expect(clientIdProblem(id, 'private-key')).toMatch(message);
  });
});

describe('the shape of a private key', () => {
  it('accepts PKCS#1 and PKCS#8 PEM', () => {
    expect(privateKeyProblem(PEM)).toBeNull();
    expect(privateKeyProblem('-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----')).toBeNull();
  });

  it.each([
    ['MIIEowIBAAKCAQEA', /Paste the whole .pem file/],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow==', /cut short/],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----', /SSH or EC key/],
    ['-----BEGIN PUBLIC KEY-----\nAA\n-----END PUBLIC KEY-----', /public key/],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA\n-----END ENCRYPTED PRIVATE KEY-----', /encrypted/],
  ])('explains what is wrong with %j', (pem, message) => {
    expect(privateKeyProblem(pem)).toMatch(message);
  });
});
