// The pending-request qualifiers: `reason:` (the requester's free text) and `requested:`
// (when the request was made), and how they treat grants, which have neither.
import { describe, expect, it } from 'vitest';
import { compileQuery, filterTokens } from '../../lib/filter/evaluate';
import { parseQuery } from '../../lib/filter/parse';
import type { TokenRequest } from '../../lib/token-requests';
import { makeToken } from './token-factory';

const DAY = 86_400_000;
const NOW = Date.parse('2025-06-01T12:00:00Z');
const ctx = { now: NOW, selected: new Set<number>(), repositories: new Map(), org: 'acme' };

function request(reason: string | null, requestedAt: Date | null): TokenRequest {
  return { ...makeToken({ grantedAt: null }), reason, requestedAt };
}

const deploy = request('Needed for the DEPLOY pipeline, see “SEC-42”', new Date(NOW - 2 * DAY));
const audit = request('Quarterly audit export', new Date(NOW - 40 * DAY));
const silent = request(null, new Date(NOW - 10 * DAY));
const hidden = request('ok\u200Bok', new Date('2025-01-15T08:00:00Z'));
const all = [deploy, audit, silent, hidden];
const run = (query: string) => filterTokens(all, query, ctx);

describe('reason:', () => {
  it('matches reasons containing the text, case- and width-insensitively', () => {
    expect(run('reason:deploy')).toEqual([deploy]);
    expect(run('reason:"sec-42"')).toEqual([deploy]);
    expect(run('reason:ＡＵＤＩＴ')).toEqual([audit]);
    expect(run('-reason:deploy')).toEqual([audit, silent, hidden]);
  });

  it('never matches a request without a reason, nor a grant', () => {
    expect(run('reason:e')).not.toContain(silent);
    expect(filterTokens([makeToken()], 'reason:token', ctx)).toEqual([]);
  });

  it('with only invisible characters, finds the reasons that hold them', () => {
    expect(run('reason:"\u200B"')).toEqual([hidden]);
  });

  it('ANDs with the other qualifiers', () => {
    expect(run(`reason:audit owner:${audit.ownerLogin}`)).toEqual([audit]);
    expect(run(`reason:audit owner:${deploy.ownerLogin}`)).toEqual([]);
  });
});

describe('requested:', () => {
  it('compares the request time like granted: (within, before, on a day)', () => {
    expect(run('requested:<7d')).toEqual([deploy]);
    expect(run('requested:>30d')).toEqual([audit, hidden]);
    expect(run('requested:<=14d requested:>=7d')).toEqual([silent]);
    expect(run('requested:2025-01-15')).toEqual([hidden]);
    expect(run('-requested:<7d')).toEqual([audit, silent, hidden]);
  });

  it('matches no grant', () => {
    expect(compileQuery(parseQuery('requested:<100y'), ctx)(makeToken())).toBe(false);
  });

  it('refuses never and bad values with what to write', () => {
    expect(parseQuery('requested:never').errors[0]?.message).toMatch(/requested: takes/);
    expect(parseQuery('requested:soon').errors).toHaveLength(1);
    expect(parseQuery('reason:').errors[0]?.message).toMatch(/reason: needs a value/);
    expect(parseQuery('requested_at:<7d').errors[0]?.message).toMatch(/Did you mean "requested:"/);
  });
});
