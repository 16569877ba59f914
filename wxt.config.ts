import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Host access is the minimum PATrol needs: GitHub's web host for the panel and the
// OAuth device flow, GitHub's API host for the worker. GHES hosts are requested at run
// time as optional permissions when the owner configures one.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // MV3 everywhere: Firefox too (event-page background, storage.session, host permissions).
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'PATrol',
    description: 'Audit and revoke the fine-grained personal access tokens of your GitHub organization.',
    permissions: ['storage', 'alarms'],
    host_permissions: ['https://github.com/*', 'https://api.github.com/*'],
    optional_host_permissions: ['https://*/*'],
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
