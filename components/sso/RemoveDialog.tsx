// "Remove SSO authorization for {n} credentials": lists exactly what will be removed, asks
// for the org name when more than one goes, and starts the job (focus starts on Cancel).
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { credentialName } from '../../lib/sso/credential';
import { ssoRiskOf } from '../../lib/sso/risk';
import { HiddenMark } from '../panel/HiddenMark';
import { OrgNameField } from '../panel/OrgNameField';
import { useStore } from '../use-store';
import { credentialsText, day, kindLabel } from './format';
import type { SsoStore } from './store';

export function RemoveDialog({ store }: { store: SsoStore }) {
  const open = useStore(store, (s) => s.dialog === 'confirm');
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      class="patrol-dialog"
      aria-labelledby={open ? 'patrol-sso-remove-title' : undefined}
      onClose={() => store.getState().closeDialog()}
    >
      {open && <Body store={store} />}
    </dialog>
  );
}

function Body({ store }: { store: SsoStore }) {
  const { org, credentials, selection, closeDialog, confirmRemove } = store.getState();
  // Frozen when the dialog opens: the title and the list cannot change under the owner.
  const [chosen] = useState(() => credentials.filter((c) => selection.has(c.credentialId)));
  const [typed, setTyped] = useState('');
  const title = `Remove SSO authorization for ${credentialsText(chosen.length)}`;
  const needsName = chosen.length > 1;
  const ok = !needsName || typed.trim().toLowerCase() === org.toLowerCase();
  const now = store.getState().loadedAt ?? Date.now();
  return (
    <form
      class="patrol-dialog-body"
      method="dialog"
      onSubmit={(event) => {
        event.preventDefault();
        if (ok) void confirmRemove(chosen.map((c) => c.credentialId));
      }}
    >
      <h2 id="patrol-sso-remove-title">{title}</h2>
      <p>
        These credentials stop reaching <bdi>{org}</bdi> at once; their owners must authorize them for SAML
        single sign-on again. The tokens and keys themselves are not deleted.
      </p>
      <ul class="patrol-revoke-list patrol-sso-list" aria-label="Credentials to remove">
        {chosen.map((c) => (
          <li key={c.credentialId}>
            <bdi>{credentialName(c)}</bdi>
            <HiddenMark text={credentialName(c)} /> ({kindLabel(c)}) by <bdi>{c.login}</bdi>
            <HiddenMark text={c.login} /> · risk {ssoRiskOf(c, now)} · last used {day(c.accessedAt, 'never')}
          </li>
        ))}
      </ul>
      {needsName && <OrgNameField org={org} typed={typed} onTyped={setTyped} />}
      <div class="patrol-dialog-buttons">
        <button type="submit" class="patrol-button patrol-button-danger" disabled={!ok}>
          {chosen.length === 1 ? 'Remove 1 authorization' : `Remove ${chosen.length} authorizations`}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: the contract's focus starts on Cancel */}
        <button type="button" class="patrol-button" autoFocus onClick={closeDialog}>
          Cancel
        </button>
      </div>
    </form>
  );
}
