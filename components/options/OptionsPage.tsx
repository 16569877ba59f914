import { useEffect, useState } from 'preact/hooks';
import { logCsv, logCsvFileName } from '../../lib/log-csv';
import type { CredentialMode, PublicSettings } from '../../lib/protocol';
import { blobDownload } from '../download';
import { LockScreen } from '../LockScreen';
import { useStore } from '../use-store';
import { ConnectionResult } from './ConnectionResult';
import { CreateApp } from './CreateApp';
import { RevocationLog } from './RevocationLog';
import { type SecretFieldsValue, SecretStorageFields } from './SecretStorageFields';
import { SignOut } from './SignOut';
import type { OptionsController, OptionsState } from './store';

export function OptionsPage({ controller }: { controller: OptionsController }) {
  const state = useStore(controller.store, (s) => s);
  useEffect(() => void controller.load(), [controller]);
  // The form appears once the stored settings are in and starts from them, so they never
  // overwrite what the owner has started typing.
  if (!state.settings) {
    return (
      <main class="options">
        <h1>PATrol settings</h1>
        <p role={state.saveMessage ? 'alert' : 'status'}>{state.saveMessage?.text ?? 'Loading settings…'}</p>
      </main>
    );
  }
  return <SettingsForm controller={controller} state={state} settings={state.settings} />;
}

function SettingsForm({
  controller,
  state,
  settings,
}: {
  controller: OptionsController;
  state: OptionsState;
  settings: PublicSettings;
}) {
  const [mode, setMode] = useState<CredentialMode>(settings.mode ?? 'device');
  const [clientId, setClientId] = useState(settings.clientId);
  const [apiBaseUrl, setApiBaseUrl] = useState(settings.apiBaseUrl);
  const [privateKey, setPrivateKey] = useState('');
  const [secrets, setSecrets] = useState<SecretFieldsValue>({
    secretStorage: settings.secretStorage,
    passphrase: '',
    confirm: '',
  });
  const { secretStorage } = secrets;
  const [org, setOrg] = useState(state.knownOrgs[0] ?? '');
  // Known orgs may arrive after the form: start the org from them unless one was typed.
  useEffect(() => {
    if (state.knownOrgs[0]) setOrg((typed) => typed || (state.knownOrgs[0] as string));
  }, [state.knownOrgs]);
  const locked = settings.lock === 'locked' || settings.lock === 'setup';

  // A save or sign-out returns the stored settings: show what was actually kept.
  useEffect(() => {
    setMode(settings.mode ?? 'device');
    setClientId(settings.clientId);
    setApiBaseUrl(settings.apiBaseUrl);
    setSecrets({ secretStorage: settings.secretStorage, passphrase: '', confirm: '' });
  }, [settings]);
  const form = () => ({
    clientId,
    apiBaseUrl,
    secretStorage,
    passphrase: secrets.passphrase,
    confirm: secrets.confirm,
  });

  // Signing in is choosing device mode: save the form that way first if it differs.
  const onSignIn = async () => {
    const unsaved =
      settings.mode !== 'device' ||
      settings.clientId !== clientId.trim() ||
      settings.apiBaseUrl !== apiBaseUrl.trim();
    if (unsaved) {
      setMode('device');
      setPrivateKey('');
      if (!(await controller.save({ ...form(), mode: 'device', privateKey: '' }))) return;
    }
    await controller.signIn();
  };

  const onSave = async (event: Event) => {
    event.preventDefault();
    await controller.save({ ...form(), mode, privateKey });
    setPrivateKey(''); // The key now lives in the worker's store; keep no copy in the page.
    setSecrets({ ...secrets, passphrase: '', confirm: '' });
  };

  return (
    <main class="options">
      <h1>PATrol settings</h1>
      {!settings.stored && <CreateApp webHost={settings.webHost} org={org.trim() || null} />}
      {locked && <LockScreen lock={settings.lock as 'locked' | 'setup'} onUnlock={controller.unlock} />}
      {!locked && (
        <form onSubmit={onSave} aria-labelledby="credentials-heading">
          <h2 id="credentials-heading">GitHub App credentials</h2>
          <fieldset>
            <legend>How PATrol authenticates</legend>
            <label>
              <input
                type="radio"
                name="mode"
                checked={mode === 'device'}
                onChange={() => setMode('device')}
              />
              Device-flow sign-in as an org owner (recommended: no key in the browser)
            </label>
            <label>
              <input
                type="radio"
                name="mode"
                checked={mode === 'private-key'}
                onChange={() => setMode('private-key')}
              />
              App private key
            </label>
          </fieldset>
          <label for="client-id">Client ID or App ID</label>
          <input
            id="client-id"
            value={clientId}
            onInput={(e) => setClientId(e.currentTarget.value)}
            autoComplete="off"
            spellcheck={false}
          />
          <label for="private-key">Private key</label>
          <textarea
            id="private-key"
            rows={mode === 'private-key' ? 6 : 2}
            value={privateKey}
            // Pasting a key is choosing private-key mode.
            onInput={(e) => {
              setPrivateKey(e.currentTarget.value);
              if (e.currentTarget.value.trim()) setMode('private-key');
            }}
            placeholder={
              settings.hasPrivateKey
                ? 'A key is stored. Paste a new one to replace it.'
                : 'Private-key mode only: paste the .pem file, -----BEGIN RSA PRIVATE KEY----- …'
            }
            autoComplete="off"
            spellcheck={false}
          />
          <label for="api-base-url">API base URL</label>
          <input
            id="api-base-url"
            value={apiBaseUrl}
            onInput={(e) => setApiBaseUrl(e.currentTarget.value)}
            spellcheck={false}
            aria-describedby="api-help"
          />
          <p id="api-help" class="help">
            https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server.
          </p>
          <SecretStorageFields settings={settings} value={secrets} onChange={setSecrets} />
          <button type="submit" disabled={state.saving}>
            Save
          </button>
          {state.saveMessage && (
            <p role={state.saveMessage.kind === 'error' ? 'alert' : 'status'} class={state.saveMessage.kind}>
              {state.saveMessage.text}
            </p>
          )}
        </form>
      )}

      <section aria-labelledby="signin-heading">
        <h2 id="signin-heading">Sign-in</h2>
        <p>
          {settings?.signedInAs
            ? `Signed in as ${settings.signedInAs}.`
            : settings?.mode === 'private-key'
              ? 'Using the App private key.'
              : 'Not signed in.'}
        </p>
        <button
          type="button"
          onClick={() => void onSignIn()}
          disabled={clientId.trim() === '' || state.saving}
        >
          Sign in with GitHub
        </button>
        <SignOut settings={settings} onSignOut={controller.signOut} />
        {state.device && (
          <p>
            <span id="code-label">Your code</span>{' '}
            <output aria-labelledby="code-label" class="user-code">
              {state.device.userCode}
            </output>{' '}
            — enter it at{' '}
            <a href={state.device.verificationUri} target="_blank" rel="noreferrer">
              {state.device.verificationUri}
            </a>
          </p>
        )}
        {state.signInMessage && (
          <p role={state.signInMessage.kind === 'error' ? 'alert' : 'status'}>
            {state.signInMessage.text}{' '}
            {state.signInMessage.kind === 'error' && (
              <button type="button" onClick={() => void controller.signIn()}>
                Start again
              </button>
            )}
          </p>
        )}
      </section>

      <section aria-labelledby="test-heading">
        <h2 id="test-heading">Test the connection</h2>
        <label for="org">Organization</label>
        <input
          id="org"
          value={org}
          onInput={(e) => setOrg(e.currentTarget.value)}
          // No datalist: it would make this a combobox, and the contract names a textbox.
          spellcheck={false}
        />
        <button
          type="button"
          disabled={state.testing || org.trim() === ''}
          onClick={() => void controller.testConnection(org)}
        >
          Test connection
        </button>
        <ConnectionResult testing={state.testing} report={state.report} error={state.testError} />
      </section>

      <RevocationLog
        entries={state.log}
        onExport={() => blobDownload(logCsvFileName(Date.now()), logCsv(state.log), document.body)}
        onClear={() => void controller.clearLog()}
      />
    </main>
  );
}
