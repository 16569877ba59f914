// The review dialogs `Approve {n} requests` / `Deny {n} requests`: what will be decided
// (frozen when the dialog opens), textbox "Reason" with its counter (≤ 1,024 characters, sent
// to the requester), the org name typed for more than one, then the job's progress and summary.
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ReviewKind } from '../../lib/protocol';
import { MAX_REVIEW_REASON, reasonLength } from '../../lib/token-requests';
import { tokenLabel } from '../panel/format';
import { HiddenMark } from '../panel/HiddenMark';
import { OrgNameField } from '../panel/OrgNameField';
import { useStore } from '../use-store';
import { requestsText, VERB } from './format';
import { ReviewStatus } from './ReviewStatus';
import type { RequestsStore } from './store';

export function ReviewDialog({ store }: { store: RequestsStore }) {
  const mode = useStore(store, (s) => s.dialog);
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (mode !== 'closed' && !dialog.open) dialog.showModal();
    if (mode === 'closed' && dialog.open) dialog.close();
  }, [mode]);
  return (
    <dialog
      ref={ref}
      class="patrol-dialog"
      aria-labelledby={mode === 'closed' ? undefined : 'patrol-review-title'}
      onClose={() => store.getState().closeDialog()}
    >
      {mode !== 'closed' && <Body store={store} />}
    </dialog>
  );
}

function Body({ store }: { store: RequestsStore }) {
  const mode = useStore(store, (s) => s.dialog);
  const job = useStore(store, (s) => s.job);
  const outcomes = useStore(store, (s) => s.jobOutcomes);
  const error = useStore(store, (s) => s.error);
  const [kind] = useState<ReviewKind>(() => (mode === 'deny' ? 'deny' : 'approve'));
  // Frozen when the dialog opens: the list and the title cannot change under the owner.
  const [requests] = useState(() => {
    const { requests: all, selection } = store.getState();
    return all.filter((r) => selection.has(r.grantId));
  });
  const n = mode === 'job' && job ? job.total : requests.length;
  const shownKind = mode === 'job' && job ? (job.kind as ReviewKind) : kind;
  const title = `${VERB[shownKind].title} ${requestsText(n)}`;
  const { closeDialog, confirmReview, retryFailed } = store.getState();
  return (
    <div class="patrol-dialog-body">
      <h2 id="patrol-review-title">{title}</h2>
      {mode !== 'job' ? (
        <Confirm
          store={store}
          kind={kind}
          title={title}
          requests={requests}
          onConfirm={(reason) =>
            void confirmReview(
              kind,
              requests.map((r) => r.grantId),
              reason,
            )
          }
        />
      ) : (
        <div aria-live="polite">
          {job ? (
            <ReviewStatus job={job} outcomes={outcomes} onRetry={() => void retryFailed()} />
          ) : error ? null : (
            <p>Starting…</p>
          )}
          {error && <p class="patrol-danger">{error.message}</p>}
          <div class="patrol-dialog-buttons">
            <button type="button" class="patrol-button" onClick={closeDialog}>
              Close
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

interface ConfirmProps {
  store: RequestsStore;
  kind: ReviewKind;
  title: string;
  requests: ReturnType<RequestsStore['getState']>['requests'];
  onConfirm: (reason: string) => void;
}

function Confirm({ store, kind, title, requests, onConfirm }: ConfirmProps) {
  const org = store.getState().org;
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const counterId = useId();
  const length = reasonLength(reason);
  const needsName = requests.length > 1;
  const ok = length <= MAX_REVIEW_REASON && (!needsName || typed.trim().toLowerCase() === org.toLowerCase());
  return (
    <form
      method="dialog"
      onSubmit={(event) => {
        event.preventDefault();
        if (ok) onConfirm(reason);
      }}
    >
      <p>
        {kind === 'approve'
          ? 'These tokens get the access they asked for in '
          : 'These requests are refused; their owners are told why, and may ask again. Organization: '}
        <bdi>{org}</bdi>.
      </p>
      <ul class="patrol-review-list" aria-label="Requests to review">
        {requests.map((r) => (
          <li key={r.grantId} class="patrol-review-item">
            <bdi class="patrol-text">{tokenLabel(r)}</bdi>
            <HiddenMark text={tokenLabel(r)} /> by <bdi class="patrol-text">{r.ownerLogin}</bdi>
            <HiddenMark text={r.ownerLogin} />
          </li>
        ))}
      </ul>
      <div class="patrol-field">
        <label for={reasonId}>Reason</label>
        <textarea
          id={reasonId}
          class="patrol-input"
          rows={3}
          aria-describedby={counterId}
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
        <span
          id={counterId}
          class={length > MAX_REVIEW_REASON ? 'patrol-danger' : 'patrol-hint'}
          aria-live="polite"
        >
          {length} of {MAX_REVIEW_REASON} characters{kind === 'deny' ? ' (sent to the requester)' : ''}
        </span>
      </div>
      {needsName && <OrgNameField org={org} typed={typed} onTyped={setTyped} />}
      <div class="patrol-dialog-buttons">
        <button
          type="submit"
          class={`patrol-button ${kind === 'deny' ? 'patrol-button-danger' : 'patrol-button-primary'}`}
          disabled={!ok}
        >
          {title}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: where showModal puts the focus first: the safe choice (PRODUCT.md) */}
        <button autoFocus type="button" class="patrol-button" onClick={() => store.getState().closeDialog()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
