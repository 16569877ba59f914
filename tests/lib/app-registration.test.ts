import { describe, expect, it } from 'vitest';
import { appRegistrationUrl } from '../../lib/app-registration';

describe('the App registration link', () => {
  it("opens the org's registration page pre-filled with GitHub's documented parameters", () => {
    const url = new URL(appRegistrationUrl('github.com', 'acme'));
    expect(`${url.origin}${url.pathname}`).toBe('https://github.com/organizations/acme/settings/apps/new');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      name: 'acme-patrol',
      description: 'PATrol: audit and revoke the fine-grained personal access tokens of this organization.',
      url: 'https://github.com/organizations/acme/settings/personal-access-tokens/active',
      public: 'false',
      webhook_active: 'false',
      organization_personal_access_tokens: 'write',
      organization_personal_access_token_requests: 'write',
      members: 'read',
    });
  });

  it('falls back to the personal registration page, and follows a GHES host', () => {
    const url = new URL(appRegistrationUrl('ghe.example.com', null));
    expect(`${url.origin}${url.pathname}`).toBe('https://ghe.example.com/settings/apps/new');
    expect(url.searchParams.get('organization_personal_access_tokens')).toBe('write');
  });
});
