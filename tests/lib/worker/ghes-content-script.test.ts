import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { syncGhesContentScript } from '../../../lib/worker/ghes-content-script';

const registered: { id: string; matches: string[]; js: string[] }[] = [];
let granted = true;

beforeEach(() => {
  fakeBrowser.reset();
  registered.length = 0;
  granted = true;
  const scripting = {
    getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) =>
      registered.filter((s) => ids.includes(s.id)),
    ),
    unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
      for (const id of ids)
        registered.splice(
          registered.findIndex((s) => s.id === id),
          1,
        );
    }),
    registerContentScripts: vi.fn(async (scripts: typeof registered) => void registered.push(...scripts)),
  };
  Object.assign(fakeBrowser, { scripting });
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => granted);
});

describe('the panel on a GHES host', () => {
  it('registers the content script for the configured host once it is permitted', async () => {
    expect(await syncGhesContentScript('https://ghe.example.com/api/v3')).toBe('registered');
    expect(registered).toEqual([
      expect.objectContaining({
        matches: ['https://ghe.example.com/organizations/*/settings/*'],
        js: ['content-scripts/active-tokens.js'],
      }),
    ]);
  });

  it('replaces the registration when the host changes, and removes it for github.com', async () => {
    await syncGhesContentScript('https://old.example.com/api/v3');
    await syncGhesContentScript('https://new.example.com/api/v3');
    expect(registered.map((s) => s.matches[0])).toEqual([
      'https://new.example.com/organizations/*/settings/*',
    ]);
    expect(await syncGhesContentScript('https://api.github.com')).toBe('not-needed');
    expect(registered).toEqual([]);
  });

  it('registers it on the web host of a GHE.com API (SUBDOMAIN.ghe.com), asking about that host', async () => {
    expect(await syncGhesContentScript('https://api.octocorp.ghe.com')).toBe('registered');
    expect(registered.map((s) => s.matches)).toEqual([
      ['https://octocorp.ghe.com/organizations/*/settings/*'],
    ]);
    expect(fakeBrowser.permissions.contains).toHaveBeenCalledWith({
      origins: ['https://octocorp.ghe.com/*'],
      permissions: ['scripting'],
    });
  });

  it('registers nothing without the host permission', async () => {
    granted = false;
    expect(await syncGhesContentScript('https://ghe.example.com/api/v3')).toBe('not-permitted');
    expect(registered).toEqual([]);
  });
});
