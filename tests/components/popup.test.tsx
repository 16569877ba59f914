import { act, cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup } from '../../components/popup/Popup';
import { createPopupStore } from '../../components/popup/store';
import type { JobSummary, LoadedGrants } from '../../lib/protocol';
import { type Token, toWire } from '../../lib/tokens';
import { makeToken } from '../lib/token-factory';
import {
  fail,
  fakeSend,
  fakeWatch,
  type Handlers,
  jobSummary,
  listHandlers,
  SETTINGS,
} from '../support/fake-worker';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const MIN = 60_000;

/** The popup over `cache` (org → tokens), with the fake worker of tests/support. */
function setup(
  cache: Record<string, Token[]>,
  handlers: Handlers = {},
  options: { readCache?: () => Promise<{ orgs: ReturnType<typeof orgsOf>; lists: LoadedGrants[] }> } = {},
) {
  const orgs = () => orgsOf(cache);
  const { send, calls } = fakeSend({
    'settings.get': () => SETTINGS,
    'orgs.list': () => orgs(),
    'orgs.remove': ({ org }) => {
      delete cache[org];
      return orgs();
    },
    ...listHandlers(
      () => Object.fromEntries(Object.entries(cache).map(([org, t]) => [org, t.map(toWire)])),
      NOW,
    ),
    ...handlers,
  });
  const events = fakeWatch();
  let cacheReads = 0;
  const openTab = vi.fn();
  const openOptions = vi.fn();
  const controller = createPopupStore({
    send,
    watch: events.watch,
    // The popup reads the cache itself (lib/cache.ts), never through a message.
    readCache:
      options.readCache ??
      (async () => {
        cacheReads++;
        return {
          orgs: orgs(),
          lists: Object.entries(cache).map(([org, tokens]) => ({
            org,
            tokens: tokens.map(toWire),
            loadedAt: NOW - 5 * MIN,
          })),
        };
      }),
    openTab,
    openOptions,
    now: () => NOW,
  });
  render(<Popup controller={controller} />);
  const ready = act(() => controller.init());
  return {
    controller,
    calls,
    events,
    cacheReads: () => cacheReads,
    openTab,
    openOptions,
    ready,
    user: userEvent.setup(),
  };
}

const orgsOf = (cache: Record<string, Token[]>) =>
  Object.entries(cache).map(([org, tokens]) => ({ org, loadedAt: NOW - 5 * MIN, count: tokens.length }));

const box = () => screen.getByRole('textbox', { name: 'Search tokens' });
const TOKENS = () => ({
  acme: [
    makeToken({ tokenName: 'deploy-prod', ownerLogin: 'alice', expiresAt: null, lastUsedAt: null }),
    makeToken({ tokenName: 'deploy-docs', ownerLogin: 'bob', expiresAt: new Date(NOW - MIN) }),
    makeToken({ tokenName: 'ci', ownerLogin: 'carol', lastUsedAt: new Date(NOW - 3 * 86_400_000) }),
  ],
  globex: [
    makeToken({ tokenName: 'backup', ownerLogin: 'dave', expiresAt: new Date('2026-02-03T00:00:00Z') }),
  ],
});

afterEach(cleanup);

describe('search', () => {
  it('focuses the search box on open and shows results with <mark> as the owner types', async () => {
    const { ready, user } = setup(TOKENS());
    await ready;
    expect(document.activeElement).toBe(box());
    await user.type(box(), 'depl');
    expect(screen.getAllByRole('option')).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveProperty('textContent', '2 matching tokens');
    // By text content: happy-dom computes names as if <mark> were a block.
    const option = (name: string) =>
      screen
        .getAllByRole('option')
        .find((o) => o.querySelector('.name')?.textContent === name) as HTMLElement;
    const prod = option('deploy-prod');
    expect([...prod.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['depl']);
    expect(within(prod).getByText('Never expires')).toBeTruthy();
    // Risk shows in each result: never expiring, read-only, is medium.
    expect(within(prod).getByText('Medium risk')).toBeTruthy();
    expect(within(prod).getByText('Last used never')).toBeTruthy();
    const docs = option('deploy-docs');
    // When it expired, not only that it did.
    expect(within(docs).getByText(`Expired ${new Date(NOW - MIN).toISOString().slice(0, 10)}`)).toBeTruthy();
    expect(within(docs).getByText('Low risk')).toBeTruthy();
  });

  it('counts cached tokens with thousands separators', async () => {
    const tokens = Array.from({ length: 1516 }, (_, i) =>
      makeToken({ tokenName: `t-${i}`, ownerLogin: 'alice' }),
    );
    const { ready } = setup({ acme: tokens });
    await ready;
    expect(await screen.findByText(/^1,516 tokens/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Search 1,516 tokens across 1 organization.');
  });

  it('shows expiry dates and relative last use', async () => {
    const { ready, user } = setup(TOKENS());
    await ready;
    await user.type(box(), 'backup');
    expect(screen.getByText('Expires 2026-02-03')).toBeTruthy();
    await user.clear(box());
    await user.type(box(), 'owner:carol');
    expect(screen.getByText('Last used 3 days ago')).toBeTruthy();
  });

  it('moves aria-activedescendant with the arrow keys and opens the active token on Enter', async () => {
    const tokens = TOKENS();
    const { ready, user, openTab } = setup(tokens);
    await ready;
    await user.type(box(), 'deploy');
    const [first, second] = screen.getAllByRole('option') as HTMLElement[];
    expect(box().getAttribute('aria-activedescendant')).toBe(first?.id);
    await user.keyboard('{ArrowDown}');
    expect(box().getAttribute('aria-activedescendant')).toBe(second?.id);
    expect(second?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(box().getAttribute('aria-activedescendant')).toBe(first?.id);
    await user.keyboard('{ArrowUp}');
    expect(box().getAttribute('aria-activedescendant')).toBe(second?.id);
    await user.keyboard('{Enter}');
    const name = second?.querySelector('.name')?.textContent ?? '';
    const owner = name === 'deploy-docs' ? 'bob' : 'alice';
    expect(openTab).toHaveBeenCalledWith(
      `https://github.com/organizations/acme/settings/personal-access-tokens/active#patrol=${encodeURIComponent(`name:"${name}" owner:${owner}`)}&patrol-open=${tokens.acme.find((t) => t.tokenName === name)?.grantId}`,
    );
  });

  it('moves with the arrow keys from the list too, not only from the box', async () => {
    const { ready, user, openTab } = setup(TOKENS());
    await ready;
    await user.type(box(), 'deploy');
    const [first, second] = screen.getAllByRole('option') as HTMLElement[];
    first?.focus();
    await user.keyboard('{ArrowDown}');
    expect(second?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(openTab).toHaveBeenCalledTimes(1);
  });

  it('links each org name to its Active tokens page', async () => {
    const { ready, user, openTab } = setup(TOKENS());
    await ready;
    const link = screen.getByRole('link', { name: 'globex' });
    expect(link.getAttribute('href')).toBe(
      'https://github.com/organizations/globex/settings/personal-access-tokens/active',
    );
    await user.click(link);
    expect(openTab).toHaveBeenCalledWith(
      'https://github.com/organizations/globex/settings/personal-access-tokens/active',
    );
  });

  it('opens a result on click', async () => {
    const { ready, user, openTab } = setup(TOKENS());
    await ready;
    await user.type(box(), 'backup');
    await user.click(screen.getByRole('option'));
    expect(openTab).toHaveBeenCalledWith(expect.stringContaining('/organizations/globex/'));
  });

  it('says when nothing matches and shows query errors', async () => {
    const { ready, user } = setup(TOKENS());
    await ready;
    await user.type(box(), 'zzzz');
    expect(screen.getByRole('status').textContent).toMatch(/No tokens match/);
    await user.clear(box());
    await user.type(box(), 'colour:red');
    expect(screen.getByRole('alert').textContent).toMatch(/colour/);
  });

  it('caps the rendered results', async () => {
    const many = Array.from({ length: 70 }, (_, i) =>
      makeToken({ tokenName: `bot-${i}`, ownerLogin: 'svc' }),
    );
    const { ready, user } = setup({ acme: many });
    await ready;
    await user.type(box(), 'bot');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(50));
    expect(screen.getByText('20 more — refine your search')).toBeTruthy();
  });

  it('draws the first ten results at once and the rest once idle, and any row the keyboard reaches', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      makeToken({ tokenName: `bot-${i}`, ownerLogin: 'svc' }),
    );
    let idle: (() => void) | null = null;
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => {
      idle = callback;
      return 1;
    });
    vi.stubGlobal('cancelIdleCallback', () => {
      idle = null;
    });
    try {
      const { ready, controller } = setup({ acme: many });
      await ready;
      await act(() => controller.setQuery('bot'));
      await waitFor(() => expect(idle).not.toBeNull());
      expect(screen.getAllByRole('option')).toHaveLength(10);
      expect(screen.getByRole('status').textContent).toBe('30 matching tokens');
      // The keyboard reaches the eleventh result before idle time came: it is drawn.
      for (let i = 0; i < 11; i++) act(() => controller.move(1));
      expect(screen.getAllByRole('option')).toHaveLength(12);
      expect(document.getElementById('popup-result-11')?.getAttribute('aria-selected')).toBe('true');
      act(() => (idle as unknown as () => void)());
      expect(screen.getAllByRole('option')).toHaveLength(30);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('renders hostile names as text only', async () => {
    const evil = '<img src=x onerror="globalThis.pwned=1">';
    const { ready, user } = setup({ acme: [makeToken({ tokenName: evil, ownerLogin: 'mallory' })] });
    await ready;
    await user.type(box(), 'mallory');
    const option = screen.getByRole('option');
    expect(option.querySelector('img')).toBeNull();
    expect(option.querySelector('.name')?.textContent).toBe(evil);
    expect(option.querySelector('.name')?.getAttribute('dir')).toBe('auto');
  });
});

describe('organizations', () => {
  it('lists orgs with the age of their cache', async () => {
    const { ready } = setup(TOKENS());
    await ready;
    expect(screen.getByText('3 tokens · loaded 5 min ago')).toBeTruthy();
  });

  it('refreshes an org with progress, and searches the fresh tokens', async () => {
    let finish: () => void = () => {};
    const fresh = makeToken({ tokenName: 'brand-new', ownerLogin: 'erin' });
    const cache = TOKENS();
    const { ready, calls, events, user } = setup(cache, {
      'grants.load': ({ org }) =>
        new Promise((resolve) => {
          finish = () => {
            cache.acme = [fresh];
            resolve({ org, loadedAt: NOW, count: 1 });
          };
        }),
    });
    await ready;
    await user.click(screen.getByRole('button', { name: 'Refresh acme' }));
    expect(calls).toContainEqual({ type: 'grants.load', input: { org: 'acme', refresh: true } });
    act(() =>
      events.push({ type: 'load', progress: { org: 'acme', loaded: 100, total: 300, running: true } }),
    );
    expect(screen.getByRole('progressbar', { name: 'Loading acme' })).toBeTruthy();
    expect(screen.getByText('100 of about 300 tokens')).toBeTruthy();
    await act(async () => finish());
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    await user.type(box(), 'brand');
    expect(screen.getByRole('option').textContent).toContain('brand-new');
  });

  it('shows the worker’s message when a refresh fails', async () => {
    const { ready, user } = setup(TOKENS(), {
      'grants.load': () =>
        fail('not_installed', 'The app is not installed on acme. Install it, then try again.'),
    });
    await ready;
    await user.click(screen.getByRole('button', { name: 'Refresh acme' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not installed on acme/);
  });

  it('removes an org and its tokens', async () => {
    const { ready, calls, user } = setup(TOKENS());
    await ready;
    await user.click(screen.getByRole('button', { name: 'Remove globex' }));
    expect(calls).toContainEqual({ type: 'orgs.remove', input: { org: 'globex' } });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove globex' })).toBeNull());
    await user.type(box(), 'backup');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });

  it('adds an org by login, validating it first', async () => {
    const { ready, calls, user } = setup(TOKENS(), {
      'grants.load': ({ org }) =>
        fail('org_not_found', `No organization named ${org} is visible to the app.`),
    });
    await ready;
    const input = screen.getByRole('textbox', { name: 'Add organization' });
    await user.type(input, 'not/valid');
    await user.click(screen.getByRole('button', { name: 'Add organization' }));
    expect(screen.getByRole('alert').textContent).toMatch(/organization login/);
    expect(calls.some((call) => call.type === 'grants.load')).toBe(false);
    await user.clear(input);
    await user.type(input, 'initech{Enter}');
    expect(calls).toContainEqual({ type: 'grants.load', input: { org: 'initech', refresh: true } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/No organization named initech/);
  });
});

describe('states', () => {
  it('offers the settings when PATrol is not configured', async () => {
    const { ready, user, openOptions } = setup({}, { 'settings.get': () => ({ ...SETTINGS, mode: null }) });
    await ready;
    expect(screen.getByText('PATrol is not set up yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(openOptions).toHaveBeenCalled();
  });

  it('explains how to load an org when none is cached', async () => {
    const { ready } = setup({});
    await ready;
    expect(screen.getByText('No organization loaded yet.')).toBeTruthy();
    expect(screen.getByText(/Active tokens page/)).toBeTruthy();
  });

  it('shows the worker’s error with a way forward', async () => {
    const { ready } = setup(
      {},
      {},
      {
        readCache: () => Promise.reject(new Error('The database connection is closing')),
      },
    );
    await ready;
    expect(screen.getByRole('alert').textContent).toMatch(/could not read its cache.*reopen the popup/);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('revocation', () => {
  const job = (over: Partial<JobSummary>): JobSummary =>
    jobSummary({ org: 'acme', createdAt: NOW - MIN, total: 10, sent: 3, ...over });

  it('follows a running job as the worker pushes it, then shows its summary and reloads the cache', async () => {
    const { ready, events, cacheReads } = setup(TOKENS());
    await ready;
    expect(events.watching()).toContain(null);
    act(() => events.push({ type: 'job', job: job({}) }));
    expect(await screen.findByText('Revoking: 3/10…')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Revocation progress' }).getAttribute('value')).toBe('3');
    const readsBefore = cacheReads();
    act(() => events.push({ type: 'job', job: job({ phase: 'done', sent: 10, done: 9, failed: 1 }) }));
    expect(await screen.findByText(/Revoked 9 of 10 tokens in/)).toBeTruthy();
    expect(screen.getByText(/1 failed/)).toBeTruthy();
    await waitFor(() => expect(cacheReads()).toBe(readsBefore + 1));
  });

  it('never shows a read older than the one shown: "Try again" waiting while a job’s end reloads', async () => {
    const fresh = TOKENS();
    const stale = { ...fresh, acme: [...fresh.acme, makeToken({ tokenName: 'revoked-meanwhile' })] };
    const reads: { resolve: (cache: Record<string, Token[]>) => void; reject: (e: Error) => void }[] = [];
    const readCache = () =>
      new Promise<Record<string, Token[]>>((resolve, reject) => reads.push({ resolve, reject })).then(
        (cache) => ({
          orgs: orgsOf(cache),
          lists: Object.entries(cache).map(([org, tokens]) => ({
            org,
            tokens: tokens.map(toWire),
            loadedAt: NOW,
          })),
        }),
      );
    const { controller, events, ready } = setup(fresh, {}, { readCache });
    await waitFor(() => expect(reads).toHaveLength(1));
    reads[0]?.reject(new Error('The database connection is closing'));
    await ready;
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    // "Try again": its read is slow; meanwhile a job ends and the cache is read afresh.
    const retry = act(() => controller.init());
    await waitFor(() => expect(reads).toHaveLength(2));
    act(() => events.push({ type: 'job', job: job({}) }));
    act(() => events.push({ type: 'job', job: job({ phase: 'done', sent: 10, done: 10 }) }));
    await waitFor(() => expect(reads).toHaveLength(3));
    reads[2]?.resolve(fresh);
    await waitFor(() => expect(controller.store.getState().tokenCount).toBe(4));
    reads[1]?.resolve(stale);
    await retry;
    expect(controller.store.getState().tokenCount).toBe(4);
    await act(() => controller.setQuery('revoked'));
    expect(controller.store.getState().result.total).toBe(0);
  });

  it('hides a summary older than an hour', async () => {
    const { ready, events } = setup(TOKENS());
    await ready;
    act(() =>
      events.push({
        type: 'job',
        job: job({ phase: 'done', createdAt: NOW - 2 * 60 * MIN, done: 10, sent: 10 }),
      }),
    );
    await act(async () => {});
    expect(screen.queryByText(/Revoked/)).toBeNull();
  });

  it('reads the cache while settings.get is in flight, and shows it only once the answer came', async () => {
    let answer: (value: typeof SETTINGS) => void = () => {};
    const { ready, cacheReads } = setup(TOKENS(), {
      'settings.get': () => new Promise<typeof SETTINGS>((resolve) => (answer = resolve)),
    });
    await waitFor(() => expect(cacheReads()).toBe(1));
    expect(screen.queryByRole('textbox', { name: 'Search tokens' })).toBeNull();
    expect(screen.queryByText(/deploy/)).toBeNull();
    answer(SETTINGS);
    await ready;
    expect(screen.getByRole('status').textContent).toBe('Search 4 tokens across 2 organizations.');
  });

  it('never asks the worker for the cached tokens: it reads the cache itself', async () => {
    const { ready, calls, cacheReads } = setup(TOKENS());
    await ready;
    expect(cacheReads()).toBe(1);
    expect(calls.map((call) => call.type)).toEqual(['settings.get']);
  });
});
