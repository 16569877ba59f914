import { describe, expect, it } from 'vitest';
import { PatrolError } from '../../lib/errors';
import { describeGitHubError } from '../../lib/github/errors';
import { KeyFormatError } from '../../lib/github/keys';
import { NotOwnerError, OrgHiddenError } from '../../lib/github/membership';

const http = (status: number, message: string, headers: Record<string, string> = {}) => ({
  status,
  message,
  response: { headers, data: { message } },
});

describe('describeGitHubError', () => {
  it.each([
    ['a malformed key', new KeyFormatError('bad'), 'bad_key', /bad/],
    [
      'a JWT GitHub cannot decode (wrong app id)',
      http(401, 'A JSON web token could not be decoded'),
      'bad_app_id',
      /Client ID or App ID/,
    ],
    ['a revoked credential', http(401, 'Bad credentials'), 'bad_credentials', /sign in again/],
    [
      'a missing app permission',
      http(403, 'Resource not accessible by integration', {
        'x-accepted-github-permissions': 'organization_personal_access_tokens=read',
      }),
      'missing_permission',
      /Personal access tokens.*Read and write/,
    ],
    ['an org or installation not found', http(404, 'Not Found'), 'org_not_found', /installed/],
    [
      'SSO',
      http(403, 'Resource protected by organization SAML enforcement.', {
        'x-github-sso': 'required; url=https://github.com/orgs/acme/sso?authorization_request=1',
      }),
      'sso_required',
      /https:\/\/github.com\/orgs\/acme\/sso/,
    ],
    [
      'a secondary rate limit',
      http(403, 'You have exceeded a secondary rate limit', { 'retry-after': '60' }),
      'rate_limited',
      /rate limiting/,
    ],
    [
      'a primary rate limit',
      http(403, 'API rate limit exceeded', {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2000000000',
      }),
      'rate_limited',
      /until/,
    ],
    ['a network failure', { status: 0, message: 'fetch failed' }, 'offline', /connection/],
    ['a 5xx', http(502, 'Bad Gateway'), 'github_error', /internal error \(502\)/],
    ['a validation error', http(422, 'Validation Failed'), 'validation', /Validation Failed/],
    [
      'a Client ID refused as JWT issuer (GHES 3.13 and older)',
      http(401, "'Issuer' claim ('iss') must be an Integer"),
      'bad_app_id',
      /numeric App ID.*enter the App ID/,
    ],
    [
      // GitHub documents no text for a non-owner: PATrol asks for the role instead of guessing.
      'a 403 whose text merely mentions owners',
      http(403, 'You must be an organization owner to perform this action.'),
      'github_error',
      /GitHub refused/,
    ],
  ])('maps %s to a code and a message saying what to do', (_name, error, code, message) => {
    const described = describeGitHubError(error, { org: 'acme', action: 'list tokens' });
    expect(described.code).toBe(code);
    expect(described.message).toMatch(message);
  });

  it('says until when a rate limit lasts', () => {
    const described = describeGitHubError(
      http(403, 'API rate limit exceeded', {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2000000000',
      }),
    );
    expect(described.retryAt).toBe(2_000_000_000_000);
  });
});

describe("PATrol's own errors", () => {
  it.each([
    ['not_owner', new NotOwnerError('octo-member is not an owner of acme.')],
    ['org_not_found', new OrgHiddenError('octo-member is not an owner of acme.')],
  ])('keeps %s from the role check (jobs pass it on)', (code, own) => {
    expect(describeGitHubError(own)).toEqual({ code, message: 'octo-member is not an owner of acme.' });
  });

  it('keeps their code and message instead of calling them offline', () => {
    const own = new PatrolError('not_installed', 'The GitHub App is not installed on acme.');
    expect(describeGitHubError(own)).toEqual({
      code: 'not_installed',
      message: 'The GitHub App is not installed on acme.',
    });
  });

  it('still calls a system network error offline', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(describeGitHubError(reset).code).toBe('offline');
  });
});

describe('secondary limits carry when to come back', () => {
  const now = 1_700_000_000_000;
  it.each([
    ['a 403 secondary limit', 403, 'You have exceeded a secondary rate limit.'],
    ['a 429 secondary limit', 429, 'You have exceeded a secondary rate limit.'],
    ['a bare 429', 429, 'Too Many Requests'],
    ['a 422 saying the endpoint was spammed', 422, 'The endpoint has been spammed.'],
  ])('%s with retry-after is rate_limited until then', (_name, status, message) => {
    const described = describeGitHubError(http(status, message, { 'retry-after': '42' }), { now });
    expect(described).toMatchObject({ code: 'rate_limited', retryAt: now + 42_000 });
  });

  it('a spammed 422 without retry-after waits at least a minute, as GitHub asks', () => {
    expect(describeGitHubError(http(422, 'Endpoint spammed'), { now }).retryAt).toBe(now + 60_000);
  });

  it('an ordinary 422 stays a validation error', () => {
    expect(describeGitHubError(http(422, 'Validation Failed'), { now }).code).toBe('validation');
  });
});
