// The extension pages (one ES-module build) share one chunk, instead of one chunk per set of
// pages that share some modules. Each file a page loads is one more request to the browser's
// extension resource loader: the popup's seven scripts delayed its first line of script by about
// 35 ms against one (bench/popup-open.ts). The content script and the worker are single-file
// IIFE builds, which cannot be split, so they are left alone.
import type { Plugin } from 'vite';

export function oneSharedChunk(): Plugin {
  return {
    name: 'patrol:one-shared-chunk',
    outputOptions(options) {
      if (options.format === 'iife') return null;
      // Scripts, and the Primer themes every page imports. Other style sheets stay with the
      // pages that import them: the panel's must never reach the popup or the options page.
      // The panel's style.css, which both framed panels import, then loads after each panel's
      // own sheet: a rule there that overrides style.css must be the more specific one.
      const shared = (id: string) => !/\.css($|\?)/.test(id) || id.includes('primer-themes');
      return { ...options, codeSplitting: { groups: [{ name: 'shared', minShareCount: 2, test: shared }] } };
    },
  };
}
