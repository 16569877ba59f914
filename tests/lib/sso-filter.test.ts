// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { filterCredentials } from '../../lib/sso/filter';
import { parseSsoQuery } from '../../lib/sso/query';
import { credential, DAY, NOW } from './sso-factory';

const alice = credential({ login: 'alice', label: 'deploy laptop', scopes: ['repo', 'workflow'] });
const bob = credential({
  login: 'Bob',
  kind: 'ssh',
  scopes: [],
  lastEight: null,
  fingerprint: 'SHA256:abc',
  label: 'key',
});
const never = credential({
  login: 'carol',
  accessedAt: null,
  authorizedAt: NOW - 200 * DAY,
  expiresAt: null,
});
const oauth = credential({
  login: 'dan',
  kind: 'oauth',
  label: 'dep\u200Bloy bot',
  accessedAt: NOW - 120 * DAY,
});
const app = credential({ login: 'erin', kind: 'app', expiresAt: NOW - DAY, authorizedAt: NOW - 2 * DAY });
const all = [alice, bob, never, oauth, app];

const ids = (query: string) => filterCredentials(all, query, NOW).map((c) => c.login);

describe('SSO filter', () => {
  test('owner: is the exact login, case-insensitive; repeated owner: is OR; -owner: excludes', () => {
    expect(ids('owner:bob')).toEqual(['Bob']);
    expect(ids('owner:ali')).toEqual([]);
    expect(ids('owner:alice owner:dan')).toEqual(['alice', 'dan']);
    expect(ids('-owner:alice')).toEqual(['Bob', 'carol', 'dan', 'erin']);
  });

  test('type: pat, ssh, oauth, app', () => {
    expect(ids('type:ssh')).toEqual(['Bob']);
    expect(ids('type:oauth')).toEqual(['dan']);
    expect(ids('type:app')).toEqual(['erin']);
    expect(ids('type:pat')).toEqual(['alice', 'carol']);
    expect(ids('-type:pat')).toEqual(['Bob', 'dan', 'erin']);
  });

  test('scope: matches one of the classic scopes exactly', () => {
    expect(ids('scope:workflow')).toEqual(['alice']);
    expect(ids('scope:WORK')).toEqual([]);
  });

  test('used: "not used since" includes never-used, "used since" excludes them; used:never', () => {
    expect(ids('used:>90d')).toEqual(['carol', 'dan']);
    expect(ids('used:<7d')).toEqual(['alice', 'Bob', 'erin']);
    expect(ids('used:never')).toEqual(['carol']);
  });

  test('expires: comparisons skip never-expiring ones, which expires:never finds', () => {
    expect(ids('expires:never')).toEqual(['carol']);
    expect(ids('expires:<7d')).toEqual(['erin']);
    expect(ids('expires:>7d')).toEqual(['alice', 'Bob', 'dan']);
  });

  test('authorized: is measured into the past', () => {
    expect(ids('authorized:<7d')).toEqual(['erin']);
    expect(ids('authorized:>100d')).toEqual(['carol']);
    const day = new Date(NOW - 2 * DAY).toISOString().slice(0, 10);
    expect(ids(`authorized:${day}`)).toEqual(['erin']);
  });

  test('words search owner, note, last eight and fingerprint, ignoring case and invisible characters', () => {
    expect(ids('LAPTOP')).toEqual(['alice']);
    expect(ids('sha256:abc')).toEqual(['Bob']);
    expect(ids('deploy')).toEqual(['alice', 'dan']);
    expect(ids('"deploy laptop"')).toEqual(['alice']);
    expect(ids(alice.lastEight ?? '')).toEqual(['alice']);
  });

  test('risk: uses the SSO risk rules', () => {
    expect(ids('risk:high')).toEqual(['alice']);
    expect(ids('risk:low')).toEqual(['erin']);
  });

  test('errors match nothing and say what to write, with their span', () => {
    expect(ids('type:token')).toEqual([]);
    expect(parseSsoQuery('type:token').errors[0]).toMatchObject({
      message: 'type: takes pat, ssh, oauth or app',
      start: 5,
      end: 10,
    });
    expect(parseSsoQuery('perm:contents').errors[0]?.message).toMatch(/^Unknown qualifier "perm:"/);
    expect(parseSsoQuery('owner:a,b').errors[0]?.message).toMatch(/repeat the qualifier/);
    expect(parseSsoQuery('authorized:never').errors).toHaveLength(1);
    expect(ids('owner:alice used:>nonsense')).toEqual([]);
    expect(ids('')).toHaveLength(5);
  });
});
