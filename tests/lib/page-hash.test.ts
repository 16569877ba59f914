// The Active tokens page's hash: the links PATrol writes (popup, daily watch) and what the
// content script reads back from them.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../lib/filter/parse';
import { activeTokensUrl, readHashOpen, readHashQuery, tokenQuery } from '../../lib/page-hash';

describe('URLs', () => {
  it('builds the Active tokens URL with the query in the hash', () => {
    expect(activeTokensUrl('github.com', 'acme', 'name:"ci" owner:bob')).toBe(
      'https://github.com/organizations/acme/settings/personal-access-tokens/active#patrol=name%3A%22ci%22%20owner%3Abob',
    );
  });

  it.each([
    'a" owner:evil',
    'back\\slash\\" -name:x',
    '#patrol=&x=<script>alert(1)</script>',
    'emoji 🔑 and \u202Eright-to-left',
  ])('round-trips the hostile name %j through the URL and the filter', (name) => {
    const url = new URL(activeTokensUrl('ghe.example.com:8443', 'acme', tokenQuery(name, 'bob')));
    expect(url.host).toBe('ghe.example.com:8443');
    expect(url.pathname).toBe('/organizations/acme/settings/personal-access-tokens/active');
    const query = decodeURIComponent(url.hash.slice('#patrol='.length));
    const parsed = parseQuery(query);
    expect(parsed.errors).toEqual([]);
    expect(parsed.terms).toMatchObject([
      { type: 'name', value: name, negated: false },
      { type: 'owner', value: 'bob', negated: false },
    ]);
  });

  it('reads back what it writes: the query, and the grant to open', () => {
    const url = new URL(activeTokensUrl('github.com', 'acme', tokenQuery('ci & deploy', 'bob'), 42));
    expect(readHashQuery(url.hash)).toBe('name:"ci & deploy" owner:bob');
    expect(readHashOpen(url.hash)).toBe(42);
    expect(readHashOpen(new URL(activeTokensUrl('github.com', 'acme', 'ci')).hash)).toBeNull();
  });

  it('leaves the hash out when there is no query, and keeps the grant to open alone', () => {
    const page = 'https://github.com/organizations/acme/settings/personal-access-tokens/active';
    expect(activeTokensUrl('github.com', 'acme', '')).toBe(page);
    expect(activeTokensUrl('github.com', 'acme', '', 7)).toBe(`${page}#patrol-open=7`);
  });
});
