// Which URLs GitHub's answers may send PATrol to. A Link header is data from the server (or
// from whatever sits between): PATrol follows it only to https on the API base's own origin,
// so the Authorization header never leaves for another host or travels in clear text.

import { PatrolError } from '../errors';

export class UntrustedUrlError extends PatrolError {
  override name = 'UntrustedUrlError';
  constructor(message: string) {
    super('github_error', message);
  }
}

/** True when `url` is https, on the same origin as `baseUrl`, and carries no user info. */
export function isTrustedApiUrl(url: string, baseUrl: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  return (
    target.protocol === 'https:' &&
    base.protocol === 'https:' &&
    target.origin === base.origin &&
    target.username === '' &&
    target.password === ''
  );
}

/** Throws, with a message an owner can act on, unless the URL is on the API's origin. */
export function assertTrustedApiUrl(url: string, baseUrl: string): void {
  if (isTrustedApiUrl(url, baseUrl)) return;
  let shown = '(not a URL)';
  try {
    shown = new URL(url).origin;
  } catch {
    // keep the placeholder: the text itself may be hostile
  }
  throw new UntrustedUrlError(
    `GitHub's answer pointed PATrol at ${shown}, which is not ${new URL(baseUrl).origin}; PATrol did not follow it or send your credentials there. Check the API base URL on the options page and any proxy between you and GitHub.`,
  );
}

/** The URL of a rel in a Link header, or null. */
export function linkUrl(link: string | undefined, rel: string): string | null {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([a-z]+)"?/.exec(part);
    if (match?.[2] === rel && match[1]) return match[1];
  }
  return null;
}
