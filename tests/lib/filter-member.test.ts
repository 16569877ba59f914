import { describe, expect, it } from 'vitest';
import { checkQuery } from '../../lib/cli/query';
import { filterTokens } from '../../lib/filter/evaluate';
import { MEMBERS_UNAVAILABLE, withMembership } from '../../lib/filter/member';
import { parseQuery } from '../../lib/filter/parse';
import { type MemberRole, membershipText } from '../../lib/members';
import { splitQuery } from '../../lib/popup-search';
import { makeToken } from './token-factory';

const roles = new Map<string, MemberRole>([
  ['alice', 'owner'],
  ['bob', 'member'],
]);
const alice = makeToken({ ownerLogin: 'Alice' });
const bob = makeToken({ ownerLogin: 'bob' });
const gone = makeToken({ ownerLogin: 'carol' });
const tokens = [alice, bob, gone];
const ctx = (members: ReadonlyMap<string, MemberRole> | null) => ({
  now: 0,
  selected: new Set<number>(),
  repositories: new Map(),
  org: 'acme',
  members,
});
const names = (query: string, members: ReadonlyMap<string, MemberRole> | null = roles) =>
  filterTokens(tokens, query, ctx(members)).map((t) => t.ownerLogin);

describe('member:', () => {
  it('finds owners, members (owners included) and people who left, by login in any case', () => {
    expect(names('member:no')).toEqual(['carol']);
    expect(names('member:yes')).toEqual(['Alice', 'bob']);
    expect(names('member:owner')).toEqual(['Alice']);
    expect(names('-member:no')).toEqual(['Alice', 'bob']);
    expect(names('-member:owner')).toEqual(['bob', 'carol']);
  });

  it('says what it takes for a bad value', () => {
    expect(parseQuery('member:gone').errors[0]?.message).toBe('member: takes no, yes or owner');
    expect(parseQuery('membership:no').errors[0]?.message).toMatch(/Did you mean "member:"/);
  });

  it('matches nothing, negated or not, while membership is unknown', () => {
    expect(names('member:no', null)).toEqual([]);
    expect(names('-member:no', null)).toEqual([]);
  });

  it('is an error that says how to grant Members: read when the App may not read members', () => {
    const parsed = withMembership(parseQuery('risk:high member:no'), null, MEMBERS_UNAVAILABLE);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]?.message).toMatch(/Members: Read-only/);
    expect(parsed.errors[0]).toMatchObject({ start: 10, end: 19 });
    expect(withMembership(parseQuery('member:no'), roles).errors).toEqual([]);
    expect(withMembership(parseQuery('risk:high'), null).errors).toEqual([]);
  });

  it('is an error where membership is not read: the popup across orgs and the CLI', () => {
    expect(splitQuery('deploy member:no').filter.errors[0]?.message).toMatch(/Active tokens panel/);
    expect(() => checkQuery('member:no', '--query')).toThrow(/member: needs the organization's membership/);
  });

  it('writes token details’ membership words', () => {
    expect(membershipText(roles, 'ALICE')).toBe('owner');
    expect(membershipText(roles, 'bob')).toBe('member');
    expect(membershipText(roles, 'carol')).toBe('not a member');
  });
});
