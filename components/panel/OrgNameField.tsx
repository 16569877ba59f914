// The typed confirmation of every bulk action on more than one item (PRODUCT.md: the owner
// types the org name into "Organization name"): revoke, approve/deny, remove SSO authorizations.
import { useId } from 'preact/hooks';

export function OrgNameField({
  org,
  typed,
  onTyped,
}: {
  org: string;
  typed: string;
  onTyped: (value: string) => void;
}) {
  const inputId = useId();
  const hintId = useId();
  return (
    <div class="patrol-field">
      <label for={inputId}>Organization name</label>
      <input
        id={inputId}
        type="text"
        class="patrol-input"
        autocomplete="off"
        spellcheck={false}
        aria-describedby={hintId}
        value={typed}
        onInput={(event) => onTyped(event.currentTarget.value)}
      />
      <span id={hintId} class="patrol-hint">
        Type <strong>{org}</strong> to confirm.
      </span>
    </div>
  );
}
