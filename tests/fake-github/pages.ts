// HTML of the fake github.com pages, kept apart so the markup is easy to change. The settings page
// mimics GitHub's layout: header, <main>, a Subhead "Active tokens" and a `.Box` list.

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const PRIMER = {
  light:
    '--bgColor-default:#ffffff;--bgColor-muted:#f6f8fa;--fgColor-default:#1f2328;--fgColor-muted:#59636e;--fgColor-accent:#0969da;--borderColor-default:#d1d9e0;--fgColor-danger:#d1242f;',
  dark: '--bgColor-default:#0d1117;--bgColor-muted:#151b23;--fgColor-default:#f0f6fc;--fgColor-muted:#9198a1;--fgColor-accent:#4493f8;--borderColor-default:#3d444d;--fgColor-danger:#f85149;',
};

/** Minimal Turbo-like soft navigation: links with data-turbo-soft swap <main> and push history. */
const SOFT_NAV = `
(() => {
  async function swap(url, push) {
    const res = await fetch(url, { headers: { 'Turbo-Frame': 'main' } });
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const next = doc.querySelector('main');
    const cur = document.querySelector('main');
    if (!next || !cur) { location.href = url; return; }
    document.dispatchEvent(new CustomEvent('turbo:before-render'));
    cur.replaceWith(document.importNode(next, true));
    document.title = doc.title;
    if (push) history.pushState({ soft: true }, '', url);
    document.dispatchEvent(new CustomEvent('turbo:render'));
    document.dispatchEvent(new CustomEvent('turbo:load'));
  }
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[data-turbo-soft]') : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    swap(a.href, true);
  });
  // Like Turbo, a history step that only changes the hash (an edited #fragment, or
  // back/forward between two of them) is not a visit: nothing is fetched or swapped.
  let shown = location.pathname + location.search;
  document.addEventListener('turbo:load', () => { shown = location.pathname + location.search; });
  window.addEventListener('popstate', () => {
    if (location.pathname + location.search !== shown) swap(location.href, false);
  });
})();
`;

export interface LayoutOptions {
  title: string;
  colorMode?: 'light' | 'dark';
  /** Login shown as signed in (header avatar menu). */
  viewer?: string;
}

export function layout(opts: LayoutOptions, main: string): string {
  const mode = opts.colorMode ?? 'light';
  const viewer = opts.viewer ? `<span class="AppHeader-user">@${escapeHtml(opts.viewer)}</span>` : '';
  return `<!DOCTYPE html>
<html lang="en" data-color-mode="${mode}" data-light-theme="light" data-dark-theme="dark">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>${escapeHtml(opts.title)}</title>
<style>
  :root { ${PRIMER[mode]} }
  body { margin:0; font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif; font-size:14px;
    background:var(--bgColor-default); color:var(--fgColor-default); }
  a { color:var(--fgColor-accent); }
  .AppHeader { display:flex; gap:16px; align-items:center; padding:16px; background:var(--bgColor-muted);
    border-bottom:1px solid var(--borderColor-default); }
  .Layout { display:flex; gap:24px; max-width:1280px; margin:0 auto; padding:24px; }
  .Layout-sidebar { width:256px; } .Layout-main { flex:1; min-width:0; }
  .Subhead { border-bottom:1px solid var(--borderColor-default); margin-bottom:16px; }
  .Box { border:1px solid var(--borderColor-default); border-radius:6px; }
  .Box-header { padding:16px; background:var(--bgColor-muted); border-bottom:1px solid var(--borderColor-default); }
  .Box-row { padding:16px; border-top:1px solid var(--borderColor-default); list-style:none; }
  .Box-row:first-child { border-top:0; } ul { margin:0; padding:0; }
  .color-fg-muted { color:var(--fgColor-muted); }
</style>
</head>
<body class="logged-in env-production page-responsive">
<div class="position-relative js-header-wrapper">
  <header class="AppHeader" role="banner">
    <a class="AppHeader-logo" href="/" aria-label="Homepage">GitHub</a>
    <nav aria-label="Global"><a href="/">Dashboard</a></nav>
    ${viewer}
  </header>
</div>
<div class="application-main" data-commit-hovercards-enabled>
<main id="js-pjax-container">
${main}
</main>
</div>
<footer class="footer" role="contentinfo"><p class="color-fg-muted">© GitHub (fake)</p></footer>
<script>${SOFT_NAV}</script>
</body>
</html>`;
}

export function orgSidebar(org: string): string {
  const o = encodeURIComponent(org);
  return `<div class="Layout-sidebar">
  <nav class="menu" aria-label="Organization settings">
    <a class="menu-item" data-turbo-soft href="/organizations/${o}/settings/profile">General</a>
    <a class="menu-item" data-turbo-soft href="/organizations/${o}/settings/personal-access-tokens/active">Personal access tokens</a>
    <a class="menu-item" id="soft-link-requests" data-turbo-soft href="/organizations/${o}/settings/personal-access-token-requests">Pending requests</a>
  </nav>
</div>`;
}

export function homePage(viewer: string, colorMode?: 'light' | 'dark'): string {
  return layout(
    { title: 'GitHub', colorMode, viewer },
    `<div class="container-lg p-4"><h1>Dashboard</h1><p>Welcome back, ${escapeHtml(viewer)}.</p></div>`,
  );
}

export function profilePage(org: string, viewer: string, colorMode?: 'light' | 'dark'): string {
  const o = encodeURIComponent(org);
  return layout(
    { title: `Organization profile · ${org}`, colorMode, viewer },
    `<div class="Layout">${orgSidebar(org)}
<div class="Layout-main">
  <div class="Subhead"><h2 class="Subhead-heading">General</h2></div>
  <p>Organization display name: ${escapeHtml(org)}</p>
  <p><a id="soft-link-active-tokens" data-turbo-soft href="/organizations/${o}/settings/personal-access-tokens/active">Active tokens (soft navigation)</a></p>
  <p><a id="hard-link-active-tokens" href="/organizations/${o}/settings/personal-access-tokens/active">Active tokens (full page load)</a></p>
</div></div>`,
  );
}

export interface TokenRow {
  id: number;
  name: string;
  owner: string;
  expires: string;
  lastUsed: string;
}

export function activeTokensPage(
  org: string,
  rows: TokenRow[],
  total: number,
  viewer: string,
  colorMode?: 'light' | 'dark',
): string {
  const items = rows
    .map(
      (r) => `<li class="Box-row d-flex flex-items-center" data-grant-id="${r.id}">
      <div class="flex-auto">
        <strong class="f4"><a href="/organizations/${encodeURIComponent(org)}/settings/personal-access-tokens/${r.id}">${escapeHtml(r.name)}</a></strong>
        <div class="color-fg-muted">Owned by <a href="/${encodeURIComponent(r.owner)}">${escapeHtml(r.owner)}</a> · ${escapeHtml(r.expires)} · ${escapeHtml(r.lastUsed)}</div>
      </div>
      <details class="dropdown"><summary class="btn btn-sm">Revoke</summary></details>
    </li>`,
    )
    .join('\n');
  return layout(
    { title: `Personal access tokens · ${org}`, colorMode, viewer },
    `<div class="Layout">${orgSidebar(org)}
<div class="Layout-main" data-testid="pat-settings">
  <div class="Subhead"><h2 id="active-tokens-heading" class="Subhead-heading">Active tokens</h2>
    <p class="Subhead-description">Fine-grained personal access tokens with access to ${escapeHtml(org)} resources.</p>
  </div>
  <div class="Box" id="active-tokens-list" aria-labelledby="active-tokens-heading">
    <div class="Box-header d-flex flex-items-center"><h3 class="Box-title">${total} tokens</h3></div>
    <ul>
${items}
    </ul>
  </div>
  <nav class="paginate-container" aria-label="Pagination"><span class="current">1</span></nav>
</div></div>`,
  );
}

export function devicePage(viewer: string, message?: string, colorMode?: 'light' | 'dark'): string {
  return layout(
    { title: 'Device Activation', colorMode, viewer },
    `<div class="container-sm p-4">
  <h1>Device Activation</h1>
  ${message ? `<p class="flash" role="status">${escapeHtml(message)}</p>` : ''}
  <form method="post" action="/login/device">
    <label for="user-code">Enter the code displayed on your device</label>
    <input id="user-code" name="user_code" autocomplete="off" placeholder="XXXX-XXXX">
    <button type="submit" name="action" value="authorize">Authorize</button>
    <button type="submit" name="action" value="deny">Cancel</button>
  </form>
</div>`,
  );
}

export function notFoundPage(colorMode?: 'light' | 'dark'): string {
  return layout(
    { title: 'Page not found · GitHub', colorMode },
    '<h1>404</h1><p>This is not the web page you are looking for.</p>',
  );
}
