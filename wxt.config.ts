import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { oneSharedChunk } from './build/one-shared-chunk';
import { primerThemes } from './build/primer-themes';
import { iconPaths } from './lib/icons';

// Host access is the minimum PATrol needs: GitHub's web host for the panel and the
// OAuth device flow, GitHub's API host for the worker. Other hosts are requested at run
// time as optional permissions when the owner configures one, never at install: a GHES
// host, or both hosts of GHE.com (api.SUBDOMAIN.ghe.com and SUBDOMAIN.ghe.com, where the
// device flow and the panel run; see lib/hosts.ts).
export default defineConfig({
  hooks: {
    // The panel page is framed into GitHub's page, so it must be web-accessible there. On a
    // GHES host (known only at run time) it must be too, and a manifest cannot change at run
    // time: it is listed for every https page. Its URL is per session (use_dynamic_url), so a
    // page can neither guess it nor fingerprint PATrol with it, and framing it gives a page
    // nothing: the panel reads nothing from its parent but page-level facts
    // (components/panel/frame-link.ts) and every action needs the owner's clicks inside it.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.web_accessible_resources = [
        {
          resources: ['panel.html', 'requests-panel.html'],
          matches: ['https://*/*'],
          use_dynamic_url: true,
        },
      ];
    },
  },
  modules: ['@wxt-dev/webextension-polyfill'],
  // `npm run zip`: the Chrome and Firefox packages, and the sources addons.mozilla.org asks for
  // (everything a reviewer needs to rebuild the Firefox zip with `npm ci && npm run build:firefox`;
  // .npmrc is needed for `npm ci` on Node 20; tests, benchmarks and screenshots are not).
  zip: {
    zipSources: true,
    dotSources: true,
    excludeSources: [
      '.git',
      '.git/**',
      '.wxt/**',
      '.ci/**',
      'tests/**',
      'bench/**',
      'demo-screenshots/**',
      'docs/screenshots/**',
    ],
  },
  // MV3 everywhere: Firefox too (event-page background, storage.session, host permissions).
  manifestVersion: 3,
  vite: () => ({
    plugins: [
      oneSharedChunk(),
      preact(),
      primerThemes(['panel', 'popup', 'options'].map((page) => resolve(`entrypoints/${page}/style.css`))),
    ],
  }),
  manifest: ({ browser }) => ({
    name: 'PATrol',
    description: 'Audit and revoke the fine-grained personal access tokens of your GitHub organization.',
    // Rendered from assets/icon.svg by `npm run icons`.
    icons: iconPaths(),
    action: { default_title: 'PATrol', default_icon: iconPaths() },
    permissions: ['storage', 'alarms'],
    host_permissions: ['https://github.com/*', 'https://api.github.com/*'],
    optional_host_permissions: ['https://*/*'],
    // `scripting`: asked for together with a GHES host, to run the panel there (see
    // lib/worker/ghes-content-script.ts). `notifications`: asked for when the owner ticks
    // "Notify me when this grows" (lib/worker/watch-notify.ts), never at install.
    optional_permissions: ['scripting', 'notifications'],
    // 'wasm-unsafe-eval' lets the worker compile hash-wasm's Argon2id (the passphrase KDF);
    // it allows WebAssembly.compile only, never JavaScript eval.
    content_security_policy: {
      // Only https pages may frame an extension page, and of ours only the web-accessible
      // panel.html can be framed by a web page at all (the browser refuses the others).
      // 'wasm-unsafe-eval' lets the worker compile Argon2id's WebAssembly (lib/worker/vault.ts),
      // nothing else: JavaScript eval stays refused.
      extension_pages:
        "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'self' https:",
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
