import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { iconPaths } from './lib/icons';

// Host access is the minimum PATrol needs: GitHub's web host for the panel and the
// OAuth device flow, GitHub's API host for the worker. Other hosts are requested at run
// time as optional permissions when the owner configures one, never at install: a GHES
// host, or both hosts of GHE.com (api.SUBDOMAIN.ghe.com and SUBDOMAIN.ghe.com, where the
// device flow and the panel run; see lib/hosts.ts).
export default defineConfig({
  hooks: {
    // The panel's stylesheet is fetched by the content script; on a GHES host (known only at
    // run time) that fetch needs the file web-accessible there too. It is CSS, not code, and
    // its URL is per-session (use_dynamic_url) so pages cannot fingerprint PATrol with it.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const entry of manifest.web_accessible_resources ?? []) {
        if (typeof entry === 'object' && entry.resources.some((file) => file.endsWith('active-tokens.css'))) {
          entry.matches = ['https://*/*'];
        }
      }
    },
  },
  modules: ['@wxt-dev/webextension-polyfill'],
  // `npm run zip`: the Chrome and Firefox packages, and the sources addons.mozilla.org asks for
  // (everything a reviewer needs to rebuild the Firefox zip with `npm ci && npm run build:firefox`;
  // .npmrc is needed for `npm ci` on Node 20; tests, benchmarks and screenshots are not).
  zip: {
    zipSources: true,
    dotSources: true,
    excludeSources: ['.git', '.git/**', '.wxt/**', '.ci/**', 'tests/**', 'bench/**', 'demo-screenshots/**'],
  },
  // MV3 everywhere: Firefox too (event-page background, storage.session, host permissions).
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'PATrol',
    description: 'Audit and revoke the fine-grained personal access tokens of your GitHub organization.',
    // Rendered from assets/icon.svg by `npm run icons`.
    icons: iconPaths(),
    action: { default_title: 'PATrol', default_icon: iconPaths() },
    permissions: ['storage', 'alarms'],
    host_permissions: ['https://github.com/*', 'https://api.github.com/*'],
    optional_host_permissions: ['https://*/*'],
    // Asked for together with a GHES host, to run the panel there (see lib/worker/ghes-content-script.ts).
    optional_permissions: ['scripting'],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'patrol@patrol.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
