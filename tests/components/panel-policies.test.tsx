// Issue 15 items 3 and 4 in the panel: one summary button per policy, and the owner's
// membership in token details and `member:` (an error saying how to grant Members: read when
// the App may not read members).
import { act, cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '../../components/panel/Panel';
import { createPanelStore } from '../../components/panel/store';
import { type MembersView, rolesOf } from '../../lib/members';
import type { Policy } from '../../lib/policies';
import { makeToken, perm } from '../lib/token-factory';
import { fakeWatch } from '../support/fake-worker';
import { type Fail, fakeSend, NOW, ORG, orgHandlers } from './panel-fixtures';

// Counted, not replaced: the panel must build the org's roles once per load, not per keystroke.
vi.mock('../../lib/members', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/members')>();
  return { ...actual, rolesOf: vi.fn(actual.rolesOf) };
});

afterEach(cleanup);
const DAY = 86_400_000;

const tokens = [
  makeToken({
    tokenName: 'admin-bot',
    ownerLogin: 'alice',
    permissions: [perm('organization', 'members', 'write')],
    lastUsedAt: new Date(NOW - 120 * DAY),
  }),
  makeToken({ tokenName: 'left-bot', ownerLogin: 'carol', expiresAt: null }),
  makeToken({ tokenName: 'daily', ownerLogin: 'bob' }),
];
const roles: MembersView = {
  org: ORG,
  available: true,
  loadedAt: NOW,
  roles: { alice: 'owner', bob: 'member' },
};

async function renderWith(policies: Policy[], members: MembersView | Fail) {
  const { send, calls } = fakeSend(orgHandlers(tokens, { 'members.load': () => members }));
  const store = createPanelStore(ORG, {
    send,
    watch: fakeWatch().watch,
    now: () => NOW,
    policies: async () => policies,
  });
  render(<Panel store={store} download={() => undefined} viewportHeight={480} />);
  await act(() => store.getState().start());
  await screen.findByRole('region', { name: 'PATrol' });
  return { store, calls };
}

describe('policies in the summary', () => {
  it('adds `{policy name} {count}` after the presets, and applies its query', async () => {
    const user = userEvent.setup();
    await renderWith(
      [
        { name: 'Stale high risk', query: 'risk:high used:>90d' },
        { name: 'Gone owners', query: 'member:no' },
      ],
      roles,
    );
    await user.click(await screen.findByRole('button', { name: 'Stale high risk 1' }));
    expect((screen.getByRole('textbox', { name: 'Filter tokens' }) as HTMLInputElement).value).toBe(
      'risk:high used:>90d',
    );
    expect(screen.getByRole('status').textContent).toBe('1 of 3 tokens');
    await user.click(screen.getByRole('button', { name: 'Gone owners 1' }));
    expect(screen.getByRole('status').textContent).toBe('1 of 3 tokens');
    expect(screen.getByRole('button', { name: 'left-bot' })).toBeTruthy();
  });
});

describe('membership', () => {
  it('shows "owner", "member" or "not a member" in token details', async () => {
    const user = userEvent.setup();
    const { calls } = await renderWith([], roles);
    expect(calls.some((c) => c.type === 'members.load')).toBe(true);
    for (const [name, text] of [
      ['admin-bot', 'owner'],
      ['daily', 'member'],
      ['left-bot', 'not a member'],
    ]) {
      await user.click(screen.getByRole('button', { name }));
      const details = await screen.findByRole('region', { name: 'Token details' });
      expect(details.textContent).toContain(`Membership${text}`);
      await user.click(screen.getByRole('button', { name: 'Close details' }));
    }
  });

  it('without Members: read, `member:` is an error that says how to grant it', async () => {
    const user = userEvent.setup();
    const message =
      'PATrol cannot read the members of acme: the GitHub App lacks "Members: read". Give the GitHub App the organization permission "Members: Read-only" …';
    await renderWith([], { org: ORG, available: false, loadedAt: NOW, message });
    await user.type(screen.getByRole('textbox', { name: 'Filter tokens' }), 'member:no');
    expect((await screen.findByText(/member: needs the organization's membership/)).textContent).toContain(
      'Members: Read-only',
    );
    expect(screen.getByRole('status').textContent).toBe('0 of 3 tokens');
    // Unknown membership is not shown as "not a member".
    await user.clear(screen.getByRole('textbox', { name: 'Filter tokens' }));
    await user.click(screen.getByRole('button', { name: 'left-bot' }));
    expect((await screen.findByRole('region', { name: 'Token details' })).textContent).not.toContain(
      'Membership',
    );
  });
});

describe('membership while typing', () => {
  it('is built once when it loads, not again on every keystroke', async () => {
    const { store } = await renderWith([], roles);
    const built = vi.mocked(rolesOf).mock.calls.length;
    const roleMap = store.getState().memberRoles;
    const query = 'member:no left';
    for (let i = 1; i <= query.length; i++) act(() => store.getState().setQuery(query.slice(0, i)));
    expect(vi.mocked(rolesOf).mock.calls.length).toBe(built);
    expect(store.getState().memberRoles).toBe(roleMap);
    expect(screen.getByRole('status').textContent).toBe('1 of 3 tokens');
  });
});
