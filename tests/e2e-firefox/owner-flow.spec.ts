// Firefox end to end: the unchanged production build in Firefox ESR against the fake GitHub, as
// one owner's session. The steps share one browser and run in order (each needs the previous).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrantJson } from '../fake-github/render.ts';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server.ts';
import {
  click,
  EXTENSION_ORIGIN,
  type Firefox,
  fill,
  find,
  hrefOf,
  launchFirefox,
  startTunnel,
  type Tunnel,
  textOf,
  until,
} from './harness.ts';
import { activeTokensUrl, connectWithPrivateKey, panelScope, waitForStatus } from './owner.ts';

const ORG = 'acme';
const DAY = 86_400_000;
const levels = ['read', 'write', 'admin'];
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);
/** A count as the panel writes it: 1,200. */
const n = (x: number) => x.toLocaleString('en-US');

// Independent expectations, computed from the fake's JSON without PATrol's code.
function hasPermission(grant: GrantJson, name: string, atLeast: string): boolean {
  return Object.values(grant.permissions).some((scope) => {
    const level = (scope as Record<string, string> | undefined)?.[name];
    return level !== undefined && levels.indexOf(level) >= levels.indexOf(atLeast);
  });
}

/** Owners whose tokens add up to exactly `count`, largest first, for an `owner:` OR query. */
function ownersTotalling(grants: GrantJson[], count: number): string[] {
  const perOwner = new Map<string, number>();
  for (const grant of grants) perOwner.set(grant.owner.login, (perOwner.get(grant.owner.login) ?? 0) + 1);
  const chosen: string[] = [];
  let sum = 0;
  for (const [login, n] of [...perOwner].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    if (sum + n <= count) {
      chosen.push(login);
      sum += n;
    }
  }
  if (sum !== count) throw new Error(`the seed has no owners totalling ${count} tokens`);
  return chosen;
}

describe('Firefox: an owner connects, filters, revokes and searches', () => {
  let fake: FakeGitHub;
  let tunnel: Tunnel;
  let firefox: Firefox;
  let github: Awaited<ReturnType<typeof connectWithPrivateKey>>['github'];
  let options: Awaited<ReturnType<typeof connectWithPrivateKey>>['options'];
  let grants: GrantJson[];

  beforeAll(async () => {
    fake = await startFakeGitHub({ deviceInterval: 1, revokeDelayMs: 400 });
    fake.seedOrg(ORG, { grants: 1200, seed: 17 });
    grants = fake.liveGrants(ORG);
    tunnel = await startTunnel(fake.port);
    firefox = await launchFirefox(tunnel);
  });

  afterAll(async () => {
    await firefox?.close();
    await tunnel?.close();
    await fake?.close();
  });

  it('saves the App credentials on the options page and passes the connection test', async () => {
    ({ github, options } = await connectWithPrivateKey(firefox.browser, fake, ORG));
    expect(await hrefOf(options)).toBe(`${EXTENSION_ORIGIN}/options.html`);
    // The key is kept, encrypted, by the background; the page shows the mode, not the key.
    await options.waitForSelector('::-p-text(Using the App private key.)');
  });

  it('lists the 1,200-token org in the panel and filters it to independent counts', async () => {
    // Back to GitHub's tab, as the owner would: Firefox defers a background tab's rendering, and
    // with it the accessibility tree the controls are found in.
    await github.bringToFront();
    await github.reload();
    await waitForStatus(github, `${n(grants.length)} of ${n(grants.length)} tokens`);
    const panel = await panelScope(github);
    expect(grants.length).toBe(1200);
    // Only the visible rows are in the DOM.
    expect((await panel.$$('::-p-aria([role="row"])')).length).toBeLessThan(150);

    const filter = await find(panel, 'textbox', 'Filter tokens');
    const now = Date.now();
    const cases: [string, (grant: GrantJson) => boolean][] = [
      [
        'access:all perm:contents:write',
        (g) => g.repository_selection === 'all' && hasPermission(g, 'contents', 'write'),
      ],
      [
        'used:>90d',
        (g) => g.token_last_used_at === null || Date.parse(g.token_last_used_at) < now - 90 * DAY,
      ],
      ['expires:never', (g) => g.token_expires_at === null],
      [
        '-access:none perm:metadata',
        (g) => g.repository_selection !== 'none' && hasPermission(g, 'metadata', 'read'),
      ],
    ];
    for (const [query, predicate] of cases) {
      await fill(filter, query);
      await waitForStatus(github, `${n(grants.filter(predicate).length)} of ${n(grants.length)} tokens`);
    }
    // The query is kept in the URL's hash.
    await until(
      async () => decodeURIComponent(new URL(await hrefOf(github)).hash).includes('perm:metadata'),
      'the query in the hash',
    );
  });

  it('revokes a batch of exactly 150 selected in the panel, and only those are gone', async () => {
    const panel = await panelScope(github);
    const owners = ownersTotalling(grants, 150);
    const chosen = sorted(grants.filter((g) => owners.includes(g.owner.login)).map((g) => g.id));
    const filter = await find(panel, 'textbox', 'Filter tokens');
    await fill(filter, owners.map((login) => `owner:${login}`).join(' '));
    await waitForStatus(github, `150 of ${n(grants.length)} tokens`);
    await click(await find(panel, 'checkbox', 'Select all matching'));
    await waitForStatus(github, `150 of ${n(grants.length)} tokens · 150 selected`);

    await click(await find(panel, 'button', 'Revoke selected'));
    const dialog = await find(panel, 'dialog', 'Revoke 150 tokens');
    const confirm = await find(dialog, 'button', 'Revoke 150 tokens');
    expect(await confirm.evaluate((button) => (button as HTMLButtonElement).disabled)).toBe(true);
    await fill(await find(dialog, 'textbox', 'Organization name'), ORG);
    await click(confirm);
    await until(
      async () => (await textOf(dialog)).includes('Revoked 150 of 150 tokens'),
      'the job to finish',
      60_000,
    );

    expect(fake.revokedGrantIds(ORG)).toEqual(chosen);
    const left = new Set(fake.liveGrants(ORG).map((g) => g.id));
    expect(chosen.filter((id) => left.has(id))).toEqual([]);
    expect(left.size).toBe(grants.length - 150);
    const posts = fake.requests.filter(
      (ex) => ex.method === 'POST' && ex.restPath === `/orgs/${ORG}/personal-access-tokens`,
    );
    expect(posts.map((ex) => (ex.body as { pat_ids: number[] }).pat_ids.length)).toEqual([100, 50]);

    await click(await find(dialog, 'button', 'Close'));
    // After a job the panel reloads the list: look it up again.
    await fill(await find(await panelScope(github), 'textbox', 'Filter tokens'), '');
    await waitForStatus(github, `${n(grants.length - 150)} of ${n(grants.length - 150)} tokens`);
  });

  it("searches the org in the popup and opens the token on GitHub's page", async () => {
    const remaining = fake.liveGrants(ORG);
    const named = (name: string) => remaining.filter((g) => g.token_name === name).length;
    const target = remaining.find(
      (g) => /^[\w-]+$/.test(g.owner.login) && g.token_name.length >= 6 && named(g.token_name) === 1,
    );
    if (!target) throw new Error('the seed has no plain token to search for');
    // The popup is an extension page: opened in a tab by PATrol's own page.
    await options.evaluate(async (path) => {
      type Ext = {
        runtime: { getURL(p: string): string };
        tabs: { create(o: { url: string }): Promise<unknown> };
      };
      const ext = (globalThis as unknown as { browser: Ext }).browser;
      await ext.tabs.create({ url: ext.runtime.getURL(path) });
    }, '/popup.html');
    const popup = await until(async () => {
      for (const page of await firefox.browser.pages())
        if ((await hrefOf(page)) === `${EXTENSION_ORIGIN}/popup.html`) return page;
      return undefined;
    }, 'the popup page');
    await popup.waitForSelector(`::-p-text(${ORG})`);
    const box = await find(popup, 'textbox', 'Search tokens');

    await fill(box, `owner:${target.owner.login} ${target.token_name.slice(0, 6)}`);
    const options_ = await until(async () => {
      const found = await popup.$$('::-p-aria([role="option"])');
      return found.length > 0 ? found : undefined;
    }, 'search results');
    const texts = await Promise.all(options_.map((option) => textOf(option as never)));
    expect(texts.some((text) => text.includes(target.token_name.slice(0, 6)))).toBe(true);
    expect(texts.every((text) => text.includes(ORG))).toBe(true);

    await fill(box, target.token_name);
    await until(async () => {
      const first = await popup.$('::-p-aria([role="option"])');
      return first && (await textOf(first as never)).includes(target.token_name);
    }, 'the token as first result');
    const before = new Set(await firefox.browser.pages());
    await box.press('Enter');
    const opened = await until(async () => {
      for (const page of await firefox.browser.pages()) {
        if (before.has(page)) continue;
        const href = await hrefOf(page);
        if (href.startsWith('https://github.com/')) return href;
      }
      return undefined;
    }, 'the Active tokens tab');
    const url = new URL(opened);
    expect(url.origin + url.pathname).toBe(activeTokensUrl(ORG));
    expect(decodeURIComponent(url.hash)).toContain(`owner:${target.owner.login}`);
  });

  it('says so when the owner withdraws GitHub access in Firefox, and asks for it again', async () => {
    // What Add-ons manager → PATrol → Permissions does when the owner turns the hosts off.
    await options.bringToFront();
    const withdrawn = await options.evaluate(async () => {
      type Ext = { permissions: { remove(p: { origins: string[] }): Promise<boolean> } };
      const ext = (globalThis as unknown as { browser: Ext }).browser;
      return ext.permissions.remove({ origins: ['https://github.com/*', 'https://api.github.com/*'] });
    });
    expect(withdrawn).toBe(true);
    const alert = await find(options, 'alert', 'GitHub access');
    expect(await textOf(alert)).toContain('PATrol is not allowed to reach github.com and api.github.com.');
    // The failure it explains: Firefox no longer runs the panel on GitHub's page.
    await github.reload();
    // The content script runs at document_idle: once the page has loaded and gone idle it would
    // have placed the panel (the same reload below, with access back, shows it).
    const placed = await github.evaluate(async () => {
      if (document.readyState !== 'complete') await new Promise((done) => addEventListener('load', done));
      await new Promise((done) => requestIdleCallback(done));
      await new Promise((done) => requestIdleCallback(done));
      return document.querySelector('patrol-panel, iframe') !== null;
    });
    expect(placed).toBe(false);

    await click(await find(alert, 'button', 'Allow access to GitHub'));
    await until(
      async () => (await options.$('::-p-aria([name="GitHub access"][role="alert"])')) === null,
      'the warning to go',
    );
    await github.bringToFront();
    await github.reload();
    await waitForStatus(github, `${n(grants.length - 150)} of ${n(grants.length - 150)} tokens`);
  });
});
