import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage } from '../../components/options/OptionsPage';
import { createOptionsStore } from '../../components/options/store';
import type { LogEntry, PublicSettings } from '../../lib/protocol';

const SETTINGS: PublicSettings = {
  mode: null,
  clientId: '',
  apiBaseUrl: 'https://api.github.com',
  webHost: 'github.com',
  hasPrivateKey: false,
  signedInAs: null,
  secretStorage: 'passphrase',
  lock: 'open',
  stored: true,
};
const LOG: LogEntry[] = [
  {
    at: Date.UTC(2026, 10, 1),
    org: 'acme',
    grantId: 7,
    tokenId: 70,
    tokenName: '=cmd',
    ownerLogin: 'eve',
    outcome: 'revoked',
    reason: null,
    actor: 'octo-owner',
  },
];

type Handler = (input: unknown) => unknown;
function setup(handlers: Record<string, Handler> = {}, knownOrgs?: string[]) {
  const sent: { type: string; input: unknown }[] = [];
  const timers: (() => void)[] = [];
  const openTab = vi.fn();
  const requestHost = vi.fn(async () => true);
  const controller = createOptionsStore({
    send: (async (type: string, input: unknown) => {
      sent.push({ type, input });
      const handler = handlers[type];
      if (type === 'orgs.list' && !handler) {
        // The worker's cached orgs, the last loaded last here: the page puts the newest first.
        const orgs = [...(knownOrgs ?? [])]
          .reverse()
          .map((org, i) => ({ org, loadedAt: 1000 + i, count: 3 }));
        return { ok: true, data: orgs };
      }
      if (!handler) return { ok: true, data: type === 'log.list' ? LOG : SETTINGS };
      const result = handler(input);
      return result && typeof result === 'object' && 'ok' in result ? result : { ok: true, data: result };
    }) as never,
    openTab,
    requestHost,
    setTimer: (fn) => timers.push(fn),
  });
  render(<OptionsPage controller={controller} />);
  return { sent, timers, openTab, requestHost };
}

afterEach(cleanup);

const PEM = '-----BEGIN RSA PRIVATE KEY-----MIIEow==-----END RSA PRIVATE KEY-----';

describe('options page', () => {
  it('shows the form only once the stored settings are in, filled with them', async () => {
    setup({
      'settings.get': () => ({
        ...SETTINGS,
        mode: 'private-key',
        clientId: 'Iv23stored',
        hasPrivateKey: true,
      }),
    });
    expect(screen.getByRole('status').textContent).toBe('Loading settings…');
    expect(screen.queryByRole('textbox', { name: 'Client ID or App ID' })).toBeNull();
    const clientId = await screen.findByRole('textbox', { name: 'Client ID or App ID' });
    expect((clientId as HTMLInputElement).value).toBe('Iv23stored');
    expect((screen.getByLabelText('App private key') as HTMLInputElement).checked).toBe(true);
  });

  it('saves private-key credentials and keeps no copy of the key in the page', async () => {
    const user = userEvent.setup();
    const { sent } = setup({
      'settings.save': () => ({
        ...SETTINGS,
        mode: 'private-key',
        clientId: 'Iv23liPaTr0lFake9xQZ',
        hasPrivateKey: true,
      }),
    });
    await user.click(await screen.findByLabelText('App private key'));
    await user.type(screen.getByRole('textbox', { name: 'Client ID or App ID' }), 'Iv23liPaTr0lFake9xQZ');
    const key = screen.getByRole('textbox', { name: 'Private key' });
    await user.type(key, PEM);
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse');
    await user.type(screen.getByLabelText('Confirm passphrase'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(sent.find((m) => m.type === 'settings.save')?.input).toEqual({
      mode: 'private-key',
      clientId: 'Iv23liPaTr0lFake9xQZ',
      apiBaseUrl: 'https://api.github.com',
      secretStorage: 'passphrase',
      passphrase: 'correct horse',
      privateKey: PEM,
    });
    expect((screen.getByLabelText('Passphrase') as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('textbox', { name: 'Private key' }) as HTMLTextAreaElement).value).toBe('');
  });

  it('asks for both GHE.com hosts (API and web) before saving a data-residency API base URL', async () => {
    const user = userEvent.setup();
    const { sent, requestHost } = setup();
    await waitFor(() => expect(sent.map((m) => m.type)).toContain('log.list'));
    await act(async () => {});
    const base = screen.getByRole('textbox', { name: 'API base URL' });
    await user.tripleClick(base);
    await user.keyboard('https://api.octocorp.ghe.com');
    await user.type(screen.getByRole('textbox', { name: 'Client ID or App ID' }), 'Iv23liPaTr0lFake9xQZ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    // The device flow's OAuth endpoints and the panel live on the web host, not the API host.
    expect(requestHost).toHaveBeenCalledWith(['https://api.octocorp.ghe.com', 'https://octocorp.ghe.com']);
    await waitFor(() => expect(sent.some((m) => m.type === 'settings.save')).toBe(true));
  });

  it('asks for a GHES host permission before saving, and says what to do if refused', async () => {
    const user = userEvent.setup();
    const { sent, requestHost } = setup();
    requestHost.mockResolvedValueOnce(false);
    await waitFor(() => expect(sent.map((m) => m.type)).toContain('log.list'));
    await act(async () => {}); // let the loaded settings fill the form before typing
    const base = screen.getByRole('textbox', { name: 'API base URL' });
    await user.tripleClick(base);
    await user.keyboard('https://ghe.example.com/api/v3');
    expect((base as HTMLInputElement).value).toBe('https://ghe.example.com/api/v3');
    await user.type(screen.getByRole('textbox', { name: 'Client ID or App ID' }), 'Iv1.8a61f9b3a7aba766');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(requestHost).toHaveBeenCalledWith(['https://ghe.example.com']);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /needs access to https:\/\/ghe.example.com/,
    );
    expect(sent.some((m) => m.type === 'settings.save')).toBe(false);
  });

  it('reports the connection test: the installation found, or exactly what is missing', async () => {
    const user = userEvent.setup();
    let report = {
      org: 'acme',
      identity: 'App patrol',
      installationId: 42,
      permissions: { organization_personal_access_tokens: 'write' },
      canRead: true,
      canWrite: true,
      problems: [] as string[],
    };
    setup({ 'connection.test': () => report });
    await user.type(await screen.findByRole('textbox', { name: 'Organization' }), 'acme');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const status = screen.getByRole('status', { name: 'Connection result' });
    await waitFor(() =>
      expect(status.textContent).toMatch(
        /installation 42 with organization_personal_access_tokens: write\. PATrol can list and revoke tokens/,
      ),
    );
    report = {
      ...report,
      permissions: { organization_personal_access_tokens: 'read' },
      canWrite: false,
      problems: ['Set "Personal access tokens" to "Read and write".'],
    };
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() =>
      expect(status.textContent).toMatch(/but: Set "Personal access tokens" to "Read and write"/),
    );
  });

  it('signs in with the device flow: shows the code, opens GitHub, polls as told', async () => {
    const user = userEvent.setup();
    const polls = [
      { state: 'pending', intervalSeconds: 10 },
      { state: 'done', login: 'octo-owner' },
    ];
    const { timers, openTab, sent } = setup({
      'settings.get': () => ({ ...SETTINGS, mode: 'device', clientId: 'Iv1' }),
      'signin.start': () => ({
        userCode: 'WDJB-MJHT',
        verificationUri: 'https://github.com/login/device',
        expiresAt: 0,
        intervalSeconds: 5,
      }),
      'signin.poll': () => polls.shift(),
    });
    await user.click(await screen.findByRole('button', { name: 'Sign in with GitHub' }));
    expect((await screen.findByLabelText('Your code')).textContent).toBe('WDJB-MJHT');
    expect(openTab).toHaveBeenCalledWith('https://github.com/login/device');
    await act(async () => timers.shift()?.());
    await act(async () => timers.shift()?.());
    expect(await screen.findByText('Signed in as octo-owner.')).toBeTruthy();
    expect(sent.filter((m) => m.type === 'signin.poll')).toHaveLength(2);
  });

  it('signs in straight after the Client ID is typed: saves device mode first', async () => {
    const user = userEvent.setup();
    const { sent, openTab } = setup({
      'settings.save': (input) => ({ ...SETTINGS, ...(input as object), webHost: 'github.com' }),
      'signin.start': () => ({
        userCode: 'ABCD-1234',
        verificationUri: 'https://github.com/login/device',
        expiresAt: 0,
        intervalSeconds: 5,
      }),
    });
    await user.type(
      await screen.findByRole('textbox', { name: 'Client ID or App ID' }),
      'Iv23liNewNewNew12345',
    );
    await user.click(screen.getByRole('button', { name: 'Sign in with GitHub' }));
    expect((await screen.findByLabelText('Your code')).textContent).toBe('ABCD-1234');
    const order = sent
      .map((m) => m.type)
      .filter((type) => type === 'settings.save' || type === 'signin.start');
    expect(order).toEqual(['settings.save', 'signin.start']);
    expect(sent.find((m) => m.type === 'settings.save')?.input).toMatchObject({
      mode: 'device',
      clientId: 'Iv23liNewNewNew12345',
    });
    expect(openTab).toHaveBeenCalledWith('https://github.com/login/device');
  });

  it('takes a pasted private key as choosing private-key mode', async () => {
    const user = userEvent.setup();
    const { sent } = setup();
    await user.type(await screen.findByRole('textbox', { name: 'Client ID or App ID' }), '12345');
    await user.type(screen.getByRole('textbox', { name: 'Private key' }), PEM);
    expect((screen.getByLabelText('App private key') as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(sent.find((m) => m.type === 'settings.save')?.input).toMatchObject({
        mode: 'private-key',
        privateKey: PEM,
      }),
    );
  });

  it.each([
    ['device', 'Iv1', '', /does not look like a GitHub App's Client ID/],
    ['device', '12345', '', /Sign-in needs the Client ID/],
    ['private-key', 'Iv23liPaTr0lFake9xQZ', '', /private-key mode needs one/],
    ['private-key', 'Iv23liPaTr0lFake9xQZ', 'not a key', /Paste the whole .pem file/],
  ])('does not say "Saved" for %s with id %j and key %j, and says why', async (mode, id, key, message) => {
    const user = userEvent.setup();
    const { sent } = setup({
      'settings.get': () => ({ ...SETTINGS, mode: null, clientId: '', hasPrivateKey: false, stored: false }),
    });
    if (mode === 'private-key') await user.click(await screen.findByLabelText('App private key'));
    await user.type(await screen.findByRole('textbox', { name: 'Client ID or App ID' }), id);
    if (key) await user.type(screen.getByRole('textbox', { name: 'Private key' }), key);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(message);
    expect(screen.queryByText('Saved.')).toBeNull();
    expect(sent.some((m) => m.type === 'settings.save')).toBe(false);
  });

  it('says when the code expired and offers to start again', async () => {
    const user = userEvent.setup();
    const { timers } = setup({
      'settings.get': () => ({ ...SETTINGS, mode: 'device', clientId: 'Iv1' }),
      'signin.start': () => ({
        userCode: 'AAAA-BBBB',
        verificationUri: 'https://github.com/login/device',
        expiresAt: 0,
        intervalSeconds: 5,
      }),
      'signin.poll': () => ({
        state: 'expired',
        message: 'The code expired before it was entered. Start again to get a new code.',
      }),
    });
    await user.click(await screen.findByRole('button', { name: 'Sign in with GitHub' }));
    await act(async () => timers.shift()?.());
    expect((await screen.findByRole('alert')).textContent).toMatch(/code expired/);
    expect(screen.getByRole('button', { name: 'Start again' })).toBeTruthy();
  });

  it('clears the revocation log only after a confirmation', async () => {
    const user = userEvent.setup();
    const { sent } = setup({ 'log.clear': () => [] });
    const table = await screen.findByRole('table', { name: 'Revocation log' });
    await waitFor(() => expect(table.textContent).toContain('=cmd'));
    await user.click(screen.getByRole('button', { name: 'Clear log' }));
    expect(sent.some((m) => m.type === 'log.clear')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    await user.click(screen.getByRole('button', { name: 'Clear log' }));
    await user.click(screen.getByRole('button', { name: 'Delete the log' }));
    await waitFor(() => expect(sent.filter((m) => m.type === 'log.clear')).toHaveLength(1));
  });

  it('offers the three places for secrets, stating the risk of the one without a passphrase', async () => {
    setup();
    const group = await screen.findByRole('group', { name: 'Where secrets are kept' });
    const radios = [...group.querySelectorAll('input[type=radio]')] as HTMLInputElement[];
    expect(radios.map((radio) => radio.labels?.[0]?.firstChild?.nextSibling?.textContent)).toEqual([
      'Locked with a passphrase',
      'For this browser session only',
      'On this computer without a passphrase',
    ]);
    expect(radios[0]?.checked).toBe(true);
    expect(
      screen.getByLabelText(/On this computer without a passphrase/).getAttribute('aria-describedby'),
    ).toBe('secrets-device-help');
    expect(document.getElementById('secrets-device-help')?.textContent?.trim()).toBe(
      'Anyone with a copy of this browser profile can recover the credential.',
    );
  });

  it('refuses two different passphrases before sending anything', async () => {
    const user = userEvent.setup();
    const { sent } = setup();
    await user.type(
      await screen.findByRole('textbox', { name: 'Client ID or App ID' }),
      'Iv23liPaTr0lFake9xQZ',
    );
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse');
    await user.type(screen.getByLabelText('Confirm passphrase'), 'correct hose');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/two passphrases differ/);
    expect(sent.some((m) => m.type === 'settings.save')).toBe(false);
  });

  it('while locked shows "PATrol is locked" with Passphrase and Unlock, and says when it is wrong', async () => {
    const user = userEvent.setup();
    let lock: PublicSettings['lock'] = 'locked';
    const { sent } = setup({
      'settings.get': () => ({ ...SETTINGS, mode: 'private-key', hasPrivateKey: true, lock }),
      unlock: (input) => {
        if ((input as { passphrase: string }).passphrase !== 'correct horse') {
          return { ok: false, error: { code: 'wrong_passphrase', message: 'That passphrase is wrong.' } };
        }
        lock = 'unlocked';
        return { ...SETTINGS, mode: 'private-key', hasPrivateKey: true, lock };
      },
    });
    expect(await screen.findByRole('heading', { name: 'PATrol is locked' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull(); // the form waits
    await user.type(screen.getByLabelText('Passphrase'), 'wrong horse');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That passphrase is wrong.');
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'PATrol is locked' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
    expect(sent.filter((m) => m.type === 'unlock').map((m) => m.input)).toEqual([
      { passphrase: 'wrong horse' },
      { passphrase: 'correct horse' },
    ]);
  });

  it('asks for a new passphrase twice when older secrets are to be migrated', async () => {
    const user = userEvent.setup();
    const { sent } = setup({ 'settings.get': () => ({ ...SETTINGS, mode: 'device', lock: 'setup' }) });
    await screen.findByRole('heading', { name: 'PATrol is locked' });
    await user.type(screen.getByLabelText('Passphrase'), 'correct horse');
    await user.type(screen.getByLabelText('Confirm passphrase'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() =>
      expect(sent.find((m) => m.type === 'unlock')?.input).toEqual({
        passphrase: 'correct horse',
        confirm: 'correct horse',
      }),
    );
  });

  it('disables Sign out when nothing is stored', async () => {
    setup({ 'settings.get': () => ({ ...SETTINGS, stored: false }) });
    expect(((await screen.findByRole('button', { name: 'Sign out' })) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('asks before wiping a private key, and clears the log only when ticked', async () => {
    const user = userEvent.setup();
    const { sent } = setup({
      'settings.get': () => ({ ...SETTINGS, mode: 'private-key', hasPrivateKey: true, lock: 'unlocked' }),
      signout: () => ({ ...SETTINGS, stored: false }),
    });
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(screen.getByRole('alertdialog', { name: 'Wipe the App private key?' })).toBeTruthy();
    expect(sent.some((m) => m.type === 'signout')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('checkbox', { name: 'Also clear the revocation log' }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await user.click(screen.getByRole('button', { name: 'Wipe the key and sign out' }));
    await waitFor(() => expect(sent.find((m) => m.type === 'signout')?.input).toEqual({ clearLog: true }));
    expect(((await screen.findByRole('button', { name: 'Sign out' })) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('signs out without asking when no private key is stored, keeping the log', async () => {
    const user = userEvent.setup();
    const { sent } = setup({ 'settings.get': () => ({ ...SETTINGS, mode: 'device', signedInAs: 'octo' }) });
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(sent.find((m) => m.type === 'signout')?.input).toEqual({ clearLog: false }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  describe('setting up the App', () => {
    const fresh = { 'settings.get': () => ({ ...SETTINGS, stored: false }) };

    it("links to GitHub's registration page for the known org, with the permissions and why", async () => {
      setup(fresh, ['acme', 'beta']);
      const link = await screen.findByRole('link', { name: 'Create the GitHub App' });
      await waitFor(() =>
        expect(link.getAttribute('href')).toMatch(
          /^https:\/\/github\.com\/organizations\/acme\/settings\/apps\/new\?/,
        ),
      );
      const url = new URL(link.getAttribute('href') ?? '');
      expect(url.searchParams.get('organization_personal_access_tokens')).toBe('write');
      expect(url.searchParams.get('webhook_active')).toBe('false');
      expect(link.getAttribute('rel')).toContain('noopener');
      // The connection test starts from the known org too.
      expect((screen.getByRole('textbox', { name: 'Organization' }) as HTMLInputElement).value).toBe('acme');
      const perms = screen.getByRole('list', { name: 'Permissions PATrol needs' });
      expect(perms.textContent).toContain(
        'Personal access tokens: Read and write: to list the fine-grained tokens',
      );
      expect(perms.textContent).toContain('Members: Read');
    });

    it('follows the organization typed, and is the personal page without one', async () => {
      const user = userEvent.setup();
      setup(fresh);
      const link = await screen.findByRole('link', { name: 'Create the GitHub App' });
      expect(link.getAttribute('href')).toMatch(/^https:\/\/github\.com\/settings\/apps\/new\?/);
      await user.type(screen.getByRole('textbox', { name: 'Organization' }), 'octo-org');
      expect(link.getAttribute('href')).toMatch(
        /^https:\/\/github\.com\/organizations\/octo-org\/settings\/apps\/new\?/,
      );
    });

    it('is not in the way once credentials are stored', async () => {
      setup();
      await screen.findByRole('textbox', { name: 'Client ID or App ID' });
      expect(screen.queryByRole('link', { name: 'Create the GitHub App' })).toBeNull();
    });
  });

  it('counts log entries in correct English', async () => {
    setup();
    expect(await screen.findByText('1 entry, kept on this computer.')).toBeTruthy();
  });
});
