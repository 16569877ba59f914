// On GitHub Enterprise Server and on GHE.com (data residency: the panel runs on
// SUBDOMAIN.ghe.com, the API host's web host) the panel's host is only known at run time. When
// the owner has granted PATrol that host (and the optional "scripting" permission, both asked
// for by the options page on Save), the worker registers the same content script for it.
import { browser } from 'wxt/browser';
import { webHostOf } from '../storage';

const SCRIPT_ID = 'patrol-ghes-active-tokens';
const CONTENT_SCRIPT = 'content-scripts/active-tokens.js';

/** Registers (or removes) the content script for the configured GHES or GHE.com web host. */
export async function syncGhesContentScript(
  apiBaseUrl: string,
): Promise<'registered' | 'not-needed' | 'not-permitted'> {
  const scripting = browser.scripting;
  const host = webHostOf(apiBaseUrl);
  if (scripting) {
    const existing = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  }
  if (host === 'github.com') return 'not-needed';
  const origin = `https://${host}/*`;
  if (
    !scripting ||
    !(await browser.permissions.contains({ origins: [origin], permissions: ['scripting'] }))
  ) {
    return 'not-permitted';
  }
  await scripting.registerContentScripts([
    {
      id: SCRIPT_ID,
      matches: [`https://${host}/organizations/*/settings/*`],
      js: [CONTENT_SCRIPT],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
  return 'registered';
}
