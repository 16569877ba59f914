// The popup's pending count beside each org's token count: read from the requests cache with
// the org summaries (lib/cache.ts listOrgs), never through a message.
import { act, cleanup, render, screen } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Popup } from '../../components/popup/Popup';
import { createPopupStore } from '../../components/popup/store';
import { listOrgs, writeGrants } from '../../lib/cache';
import { writeRequests } from '../../lib/requests-cache';
import { requestToWire } from '../../lib/token-requests';
import { toWire } from '../../lib/tokens';
import { makeToken } from '../lib/token-factory';
import { fakeSend, fakeWatch, SETTINGS } from '../support/fake-worker';

const NOW = Date.parse('2025-06-01T12:00:00Z');

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(cleanup);

async function seed() {
  await writeGrants({ org: 'acme', tokens: [makeToken(), makeToken()].map(toWire), loadedAt: NOW - 60_000 });
  await writeGrants({ org: 'globex', tokens: [makeToken()].map(toWire), loadedAt: NOW - 60_000 });
  const request = () => requestToWire({ ...makeToken({ grantedAt: null }), reason: 'ci', requestedAt: null });
  await writeRequests({ org: 'acme', requests: [request(), request(), request()], loadedAt: NOW });
}

describe('pending requests in the popup', () => {
  it('listOrgs adds the pending count of orgs whose requests were loaded', async () => {
    await seed();
    expect(await listOrgs()).toEqual([
      { org: 'acme', loadedAt: NOW - 60_000, count: 2, pending: 3 },
      { org: 'globex', loadedAt: NOW - 60_000, count: 1 },
    ]);
  });

  it('shows "{n} pending" beside the token count, and nothing for an org never loaded', async () => {
    await seed();
    const { send } = fakeSend({ 'settings.get': () => SETTINGS, 'orgs.list': () => listOrgs() });
    const controller = createPopupStore({
      send,
      watch: fakeWatch().watch,
      readCache: async () => ({ orgs: await listOrgs(), lists: [] }),
      openTab: () => {},
      openOptions: () => {},
      now: () => NOW,
    });
    render(<Popup controller={controller} />);
    await act(() => controller.init());
    expect(await screen.findByText('2 tokens · 3 pending · loaded 1 min ago')).toBeTruthy();
    expect(screen.getByText('1 token · loaded 1 min ago')).toBeTruthy();
  });
});
