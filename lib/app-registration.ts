// "Create the GitHub App" (PRODUCT.md "Options page"): GitHub's App registration page,
// pre-filled through its documented URL parameters ("Registering a GitHub App using URL
// parameters"; docs/ and shared GITHUB-API.md §8). The owner can still change everything there.

/** What PATrol asks for, each with why; the URL and the options page both read this list. */
export const APP_PERMISSIONS: readonly {
  param: string;
  level: 'read' | 'write';
  label: string;
  why: string;
}[] = [
  {
    param: 'organization_personal_access_tokens',
    level: 'write',
    label: 'Personal access tokens: Read and write',
    why: 'to list the fine-grained tokens that can reach the organization, and to revoke the ones you choose',
  },
  {
    param: 'organization_personal_access_token_requests',
    level: 'write',
    label: 'Personal access token requests: Read and write',
    why: 'to list pending requests and approve or deny them',
  },
  {
    param: 'members',
    level: 'read',
    label: 'Members: Read',
    why: "to say whether a token's owner is still a member or an owner",
  },
];

/**
 * The registration page on `webHost`, under the organization when one is known (the App then
 * belongs to it), else under the owner's personal account.
 */
export function appRegistrationUrl(webHost: string, org: string | null): string {
  const base = org
    ? `https://${webHost}/organizations/${encodeURIComponent(org)}/settings/apps/new`
    : `https://${webHost}/settings/apps/new`;
  const params = new URLSearchParams({
    name: org ? `${org}-patrol` : 'patrol',
    description: 'PATrol: audit and revoke the fine-grained personal access tokens of this organization.',
    url: org
      ? `https://${webHost}/organizations/${encodeURIComponent(org)}/settings/personal-access-tokens/active`
      : `https://${webHost}`,
    public: 'false',
    webhook_active: 'false',
  });
  for (const p of APP_PERMISSIONS) params.set(p.param, p.level);
  return `${base}?${params}`;
}
