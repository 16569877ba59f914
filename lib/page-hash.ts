// The filter query in the Active tokens page's hash (`#patrol=<encoded query>`), so a filtered
// view can be bookmarked and shared, and the links that open the page so (the popup, the daily
// watch): written and read here only. Other hash parameters (if GitHub ever adds some) are kept.
const KEY = 'patrol';
/** The grant whose details the panel opens with. */
const OPEN_KEY = `${KEY}-open`;

function parts(hash: string): string[] {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  return body === '' ? [] : body.split('&');
}

export function readHashQuery(hash: string): string {
  for (const part of parts(hash)) {
    if (!part.startsWith(`${KEY}=`)) continue;
    try {
      return decodeURIComponent(part.slice(KEY.length + 1));
    } catch {
      return '';
    }
  }
  return '';
}

/** `#…&patrol-open=42`: the grant whose details the panel opens with (the popup's Enter). */
export function readHashOpen(hash: string): number | null {
  const part = parts(hash).find((p) => p.startsWith(`${OPEN_KEY}=`));
  const id = Number(part?.slice(OPEN_KEY.length + 1));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The hash with the query set (or removed when empty), `''` when nothing is left. */
export function withHashQuery(hash: string, query: string): string {
  const rest = parts(hash).filter((p) => !p.startsWith(`${KEY}=`));
  if (query !== '') rest.push(`${KEY}=${encodeURIComponent(query)}`);
  return rest.length === 0 ? '' : `#${rest.join('&')}`;
}

/** The org's Active tokens page filtered by `query` (none when empty); with `open`, that grant's details open too. */
export function activeTokensUrl(webHost: string, org: string, query: string, open?: number): string {
  let hash = withHashQuery('', query);
  if (open) hash = `${hash === '' ? '#' : `${hash}&`}${OPEN_KEY}=${open}`;
  return `https://${webHost}/organizations/${encodeURIComponent(org)}/settings/personal-access-tokens/active${hash}`;
}

/** The filter query that finds one token on the Active tokens page. */
export function tokenQuery(tokenName: string, ownerLogin: string): string {
  // Inside quotes the filter lexer reads `\"` and `\\`; escape the backslash first.
  const name = tokenName.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `name:"${name}" owner:${ownerLogin}`;
}
