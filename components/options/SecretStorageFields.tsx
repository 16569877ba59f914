// "Where secrets are kept", and the passphrase for the locked mode (the default).
import type { PublicSettings, SecretStorage } from '../../lib/protocol';

export interface SecretFieldsValue {
  secretStorage: SecretStorage;
  passphrase: string;
  confirm: string;
}

const PLACES: { value: SecretStorage; label: string; help: string }[] = [
  {
    value: 'passphrase',
    label: 'Locked with a passphrase',
    help: 'Encrypted with a key derived from your passphrase (Argon2id); you unlock PATrol once each time the browser starts.',
  },
  {
    value: 'session',
    label: 'For this browser session only',
    help: 'Never written to disk: you sign in or paste the key again after the browser restarts.',
  },
  {
    value: 'device',
    label: 'On this computer without a passphrase',
    help: 'Anyone with a copy of this browser profile can recover the credential.',
  },
];

export function SecretStorageFields({
  settings,
  value,
  onChange,
}: {
  settings: PublicSettings;
  value: SecretFieldsValue;
  onChange: (next: SecretFieldsValue) => void;
}) {
  const keepsPassphrase = settings.secretStorage === 'passphrase' && settings.lock === 'unlocked';
  return (
    <>
      <fieldset>
        <legend>Where secrets are kept</legend>
        {PLACES.map((place) => (
          <label key={place.value}>
            <input
              type="radio"
              name="secrets"
              checked={value.secretStorage === place.value}
              onChange={() => onChange({ ...value, secretStorage: place.value })}
              aria-describedby={`secrets-${place.value}-help`}
            />
            {place.label}
            <span id={`secrets-${place.value}-help`} class="help">
              {' '}
              {place.help}
            </span>
          </label>
        ))}
      </fieldset>
      {value.secretStorage === 'passphrase' && (
        <>
          <label for="passphrase">Passphrase</label>
          <input
            id="passphrase"
            type="password"
            autoComplete="new-password"
            value={value.passphrase}
            placeholder={
              keepsPassphrase ? 'Leave empty to keep the current passphrase' : 'At least 8 characters'
            }
            onInput={(e) => onChange({ ...value, passphrase: e.currentTarget.value })}
          />
          <label for="passphrase-confirm">Confirm passphrase</label>
          <input
            id="passphrase-confirm"
            type="password"
            autoComplete="new-password"
            value={value.confirm}
            onInput={(e) => onChange({ ...value, confirm: e.currentTarget.value })}
          />
        </>
      )}
    </>
  );
}
