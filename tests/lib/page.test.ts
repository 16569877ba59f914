import { describe, expect, it } from 'vitest';
import { activeTokensOrg, isOrgLogin, panelWebHosts, settingsPage } from '../../lib/page';
import { findPanelAnchor } from '../../lib/selectors';
import { activeTokensPage, profilePage } from '../fake-github/pages';

const HOSTS = ['github.com', 'ghe.example.com'];
const page = (url: string) => activeTokensOrg(new URL(url), HOSTS);

describe('activeTokensOrg', () => {
  it.each([
    ['https://github.com/organizations/acme/settings/personal-access-tokens/active', 'acme'],
    ['https://github.com/organizations/acme/settings/personal-access-tokens/active/', 'acme'],
    ['https://github.com/organizations/Acme-Corp/settings/personal-access-tokens/active', 'Acme-Corp'],
    ['https://github.com/organizations/acme/settings/personal-access-tokens/active?page=2', 'acme'],
    [
      'https://github.com/organizations/acme/settings/personal-access-tokens/active#patrol=owner%3Abob',
      'acme',
    ],
    ['https://ghe.example.com/organizations/acme/settings/personal-access-tokens/active', 'acme'],
    ['https://GHE.example.com/organizations/acme/settings/personal-access-tokens/active', 'acme'],
  ])('%s is the Active tokens page of %s', (url, org) => {
    expect(page(url)).toBe(org);
  });

  it.each([
    'https://github.com/organizations/acme/settings/personal-access-tokens/pending',
    'https://github.com/organizations/acme/settings/personal-access-tokens',
    'https://github.com/organizations/acme/settings/personal-access-tokens/active/extra',
    'https://github.com/organizations/acme/settings/personal-access-tokens/123',
    'https://github.com/organizations/acme/settings/profile',
    'https://github.com/organizations/acme/settings/personal-access-token/active',
    'https://github.com/orgs/acme/settings/personal-access-tokens/active',
    'https://github.com/settings/personal-access-tokens/active',
    'https://github.com/settings/tokens',
    'https://github.com/acme/settings/personal-access-tokens/active',
    'https://github.com/organizations//settings/personal-access-tokens/active',
    'https://github.com/organizations/-acme/settings/personal-access-tokens/active',
    'https://github.com/organizations/ac%20me/settings/personal-access-tokens/active',
    'https://github.com/organizations/acme/other/settings/personal-access-tokens/active',
    'http://github.com/organizations/acme/settings/personal-access-tokens/active',
    'https://gist.github.com/organizations/acme/settings/personal-access-tokens/active',
    'https://evil.example/organizations/acme/settings/personal-access-tokens/active',
    'https://github.com.evil.example/organizations/acme/settings/personal-access-tokens/active',
    'https://ghe.example.com:8443/organizations/acme/settings/personal-access-tokens/active',
  ])('%s is not', (url) => {
    expect(page(url)).toBeNull();
  });

  it('accepts a GHES host only when it is configured', () => {
    const url = new URL('https://ghe.example.com/organizations/acme/settings/personal-access-tokens/active');
    expect(activeTokensOrg(url, ['github.com'])).toBeNull();
    expect(activeTokensOrg(url, panelWebHosts('ghe.example.com'))).toBe('acme');
  });
});

describe('isOrgLogin', () => {
  it("follows GitHub's org login rule", () => {
    expect(isOrgLogin('acme-corp')).toBe(true);
    expect(isOrgLogin('-acme')).toBe(false);
    expect(isOrgLogin('a/b')).toBe(false);
    expect(isOrgLogin('x'.repeat(39))).toBe(true);
    expect(isOrgLogin('x'.repeat(40))).toBe(false);
  });
});

describe('panelWebHosts', () => {
  it.each([
    [null, ['github.com']],
    ['github.com', ['github.com']],
    ['GHE.example.com', ['github.com', 'ghe.example.com']],
  ])('%s gives %j', (configured, hosts) => {
    expect(panelWebHosts(configured)).toEqual(hosts);
  });
});

describe('findPanelAnchor', () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

  it('puts the panel before the token list of the fake GitHub page', () => {
    const doc = parse(activeTokensPage('acme', [], 0, 'octocat'));
    const anchor = findPanelAnchor(doc);
    expect(anchor.found).toBe('token-list');
    expect(anchor.element.id).toBe('active-tokens-list');
  });

  it('finds the list after its heading when the layout classes change', () => {
    const doc = parse(
      '<main><div><h1>Active tokens</h1></div><div class="Box" id="notice-before-heading"></div></main>',
    );
    doc
      .querySelector('main')
      ?.prepend(Object.assign(doc.createElement('div'), { className: 'Box', id: 'banner' }));
    expect(findPanelAnchor(doc).element.id).toBe('notice-before-heading');
  });

  it.each([
    ['<main id="m"><p>No list here</p></main>', 'main'],
    ['<div><p>No main either</p></div>', 'body'],
  ])('falls back to the top of main, then body (%s)', (html, found) => {
    const anchor = findPanelAnchor(parse(html));
    expect(anchor.found).toBe(found);
    expect(anchor.append).toBe('first');
  });

  it('does not take another settings page for the token list', () => {
    expect(findPanelAnchor(parse(profilePage('acme', 'octocat'))).found).toBe('main');
  });
});

describe('settingsPage: the Pending requests page too', () => {
  const which = (url: string) => settingsPage(new URL(url), HOSTS);
  it.each([
    ['https://github.com/organizations/acme/settings/personal-access-token-requests', 'acme'],
    ['https://github.com/organizations/acme/settings/personal-access-token-requests/', 'acme'],
    [
      'https://ghe.example.com/organizations/Acme-Corp/settings/personal-access-token-requests?page=2',
      'Acme-Corp',
    ],
  ])('%s is the Pending requests page of %s', (url, org) => {
    expect(which(url)).toEqual({ org, page: 'requests' });
    expect(activeTokensOrg(new URL(url), HOSTS)).toBeNull();
  });

  it.each([
    'https://github.com/organizations/acme/settings/personal-access-token-requests/123',
    'http://github.com/organizations/acme/settings/personal-access-token-requests',
    'https://evil.example/organizations/acme/settings/personal-access-token-requests',
    'https://github.com/orgs/acme/settings/personal-access-token-requests',
  ])('%s is not', (url) => {
    expect(which(url)).toBeNull();
  });

  it('keeps the Active tokens page as it was', () => {
    expect(which('https://github.com/organizations/acme/settings/personal-access-tokens/active')).toEqual({
      org: 'acme',
      page: 'active',
    });
  });
});
