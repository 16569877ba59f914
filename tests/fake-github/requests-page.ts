// GitHub's Pending requests page (Organization settings → Personal access tokens → Pending
// requests): a Subhead and a Box list of the first requests, like the Active tokens page, so
// PATrol's content script finds its place the same way.
import { escapeHtml, layout, orgSidebar } from './pages.ts';
import type { OrgState } from './state.ts';

export function requestsPage(org: OrgState, viewer: string, colorMode?: 'light' | 'dark'): string {
  const o = encodeURIComponent(org.login);
  const items = org.requests
    .slice(0, 10)
    .map(
      (r) => `<li class="Box-row" data-request-id="${r.id}">
      <strong class="f4">${escapeHtml(r.tokenName)}</strong>
      <div class="color-fg-muted">Requested by ${escapeHtml(r.owner.login)}</div>
      <p>${escapeHtml(r.reason ?? '')}</p>
    </li>`,
    )
    .join('\n');
  return layout(
    { title: `Pending requests · ${org.login}`, colorMode, viewer },
    `<div class="Layout">${orgSidebar(org.login)}
<div class="Layout-main" data-testid="pat-requests">
  <div class="Subhead"><h2 id="pending-requests-heading" class="Subhead-heading">Pending requests</h2></div>
  <div class="Box" id="pending-requests-list" aria-labelledby="pending-requests-heading">
    <div class="Box-header"><h3 class="Box-title">${org.requests.length} pending requests</h3></div>
    <ul>
${items}
    </ul>
  </div>
  <p><a id="soft-link-active" data-turbo-soft href="/organizations/${o}/settings/personal-access-tokens/active">Active tokens</a></p>
</div></div>`,
  );
}
