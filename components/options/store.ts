// The options page state: settings as the worker reports them (never a secret), the
// connection test, the device-flow sign-in and the revocation log.
import { createStore } from 'zustand/vanilla';
import { clientIdProblem, privateKeyProblem } from '../../lib/credential-shape';
import { hostOriginsOf } from '../../lib/hosts';
import type { send as sendMessage } from '../../lib/messaging';
import type {
  ConnectionReport,
  CredentialMode,
  DeviceCodeView,
  LogEntry,
  PublicSettings,
  ReplyError,
  SecretStorage,
} from '../../lib/protocol';

export interface OptionsState {
  settings: PublicSettings | null;
  saving: boolean;
  saveMessage: { kind: 'ok' | 'error'; text: string } | null;
  testing: boolean;
  report: ConnectionReport | null;
  testError: ReplyError | null;
  device: DeviceCodeView | null;
  signInMessage: { kind: 'ok' | 'error' | 'info'; text: string } | null;
  log: LogEntry[];
  /** Orgs PATrol has loaded before: the connection test and the App link start from them. */
  knownOrgs: string[];
}

export interface SaveForm {
  mode: CredentialMode;
  clientId: string;
  apiBaseUrl: string;
  privateKey: string;
  secretStorage: SecretStorage;
  /** A new passphrase for the locked mode, typed twice; both empty keep the current one. */
  passphrase: string;
  confirm: string;
}

export interface OptionsDeps {
  send: typeof sendMessage;
  openTab: (url: string) => void;
  /** Asks the browser for access to GHES or GHE.com hosts (origins); resolves false when refused. */
  requestHost: (origins: string[]) => Promise<boolean>;
  setTimer: (fn: () => void, ms: number) => unknown;
}

export function createOptionsStore(deps: OptionsDeps) {
  const store = createStore<OptionsState>(() => ({
    settings: null,
    saving: false,
    saveMessage: null,
    testing: false,
    report: null,
    testError: null,
    device: null,
    signInMessage: null,
    log: [],
    knownOrgs: [],
  }));
  const set = store.setState;

  async function load() {
    const [settings, log] = await Promise.all([deps.send('settings.get', {}), deps.send('log.list', {})]);
    if (settings.ok) set({ settings: settings.data });
    else set({ saveMessage: { kind: 'error', text: settings.error.message } });
    if (log.ok) set({ log: log.data });
    // The orgs the worker has cached, the last loaded first: the connection test and the App
    // link start from the org the owner audits. Through the worker: this page opening the
    // cache's IndexedDB itself stalled the worker resuming a job after a browser restart.
    const orgs = await deps.send('orgs.list', {});
    if (orgs.ok) {
      const newest = [...orgs.data].sort((a, b) => (b.loadedAt ?? 0) - (a.loadedAt ?? 0));
      set({ knownOrgs: newest.map((o) => o.org) });
    }
  }

  /** Saves the form; resolves whether it was saved. */
  async function save(form: SaveForm): Promise<boolean> {
    // What can be told wrong without asking GitHub is said before anything is stored.
    const problem =
      clientIdProblem(form.clientId, form.mode) ??
      (form.mode !== 'private-key'
        ? null
        : form.privateKey.trim()
          ? privateKeyProblem(form.privateKey)
          : store.getState().settings?.hasPrivateKey
            ? null
            : "Paste the App's private key (.pem): private-key mode needs one.");
    if (problem) {
      set({ saveMessage: { kind: 'error', text: problem } });
      return false;
    }
    set({ saving: true, saveMessage: null });
    const passphrase =
      form.secretStorage === 'passphrase' && form.passphrase !== '' ? form.passphrase : undefined;
    if (passphrase !== undefined && form.confirm !== passphrase) {
      set({
        saving: false,
        saveMessage: {
          kind: 'error',
          text: 'The two passphrases differ. Type the same one in "Confirm passphrase".',
        },
      });
      return false;
    }
    const origins = hostOrigins(form.apiBaseUrl);
    if (origins.length > 0 && !(await deps.requestHost(origins))) {
      set({
        saving: false,
        saveMessage: {
          kind: 'error',
          text: `PATrol needs access to ${origins.join(' and ')} to reach your GitHub. Save again and allow it.`,
        },
      });
      return false;
    }
    const reply = await deps.send('settings.save', {
      mode: form.mode,
      clientId: form.clientId,
      apiBaseUrl: form.apiBaseUrl,
      secretStorage: form.secretStorage,
      ...(form.privateKey.trim() ? { privateKey: form.privateKey } : {}),
      ...(passphrase !== undefined ? { passphrase } : {}),
    });
    if (reply.ok) set({ settings: reply.data, saving: false, saveMessage: { kind: 'ok', text: 'Saved.' } });
    else set({ saving: false, saveMessage: { kind: 'error', text: reply.error.message } });
    return reply.ok;
  }

  async function testConnection(org: string) {
    set({ testing: true, report: null, testError: null });
    const reply = await deps.send('connection.test', { org: org.trim() });
    if (reply.ok) set({ testing: false, report: reply.data });
    else set({ testing: false, testError: reply.error });
  }

  function poll() {
    void (async () => {
      const reply = await deps.send('signin.poll', {});
      if (!reply.ok) {
        set({ device: null, signInMessage: { kind: 'error', text: reply.error.message } });
        return;
      }
      const result = reply.data;
      if (result.state === 'pending') {
        deps.setTimer(poll, result.intervalSeconds * 1000);
      } else if (result.state === 'done') {
        set({ device: null, signInMessage: { kind: 'ok', text: `Signed in as ${result.login}.` } });
        await load();
      } else {
        set({ device: null, signInMessage: { kind: 'error', text: result.message } });
      }
    })();
  }

  async function signIn() {
    set({ signInMessage: null, device: null });
    const reply = await deps.send('signin.start', {});
    if (!reply.ok) {
      set({ signInMessage: { kind: 'error', text: reply.error.message } });
      return;
    }
    set({
      device: reply.data,
      signInMessage: {
        kind: 'info',
        text: 'Enter the code on the GitHub page that opened, then come back here.',
      },
    });
    deps.openTab(reply.data.verificationUri);
    deps.setTimer(poll, reply.data.intervalSeconds * 1000);
  }

  async function signOut(clearLog: boolean) {
    const reply = await deps.send('signout', { clearLog });
    if (!reply.ok) {
      set({ signInMessage: { kind: 'error', text: reply.error.message } });
      return;
    }
    set({
      settings: reply.data,
      device: null,
      report: null,
      signInMessage: {
        kind: 'ok',
        text: `Signed out: stored secrets, cached inventories and finished revocations were wiped${clearLog ? ', and the revocation log cleared' : ''}.`,
      },
    });
    if (clearLog) set({ log: [] });
  }

  /** Resolves to the worker's error, or null once unlocked. */
  async function unlock(passphrase: string, confirm?: string): Promise<ReplyError | null> {
    const reply = await deps.send('unlock', confirm === undefined ? { passphrase } : { passphrase, confirm });
    if (!reply.ok) return reply.error;
    set({ settings: reply.data });
    return null;
  }

  async function clearLog() {
    const reply = await deps.send('log.clear', {});
    if (reply.ok) set({ log: reply.data });
  }

  return { store, load, save, testConnection, signIn, signOut, unlock, clearLog };
}

export type OptionsController = ReturnType<typeof createOptionsStore>;

/** The hosts to ask for (GHE.com has two); none for github.com or a URL the worker will refuse. */
function hostOrigins(apiBaseUrl: string): string[] {
  try {
    return hostOriginsOf(apiBaseUrl.trim() || 'https://api.github.com');
  } catch {
    return [];
  }
}
