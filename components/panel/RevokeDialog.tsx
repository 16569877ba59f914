// The revocation dialog: lists exactly what will be revoked (virtualised: it may be
// thousands), asks for the org name when more than one token goes, then follows the job.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { riskOf } from '../../lib/risk';
import { useStore } from '../use-store';
import { accessText, lastUsedPhrase, RISK_LABEL, tokenLabel, tokensText } from './format';
import { HiddenMark } from './HiddenMark';
import { JobStatus } from './JobStatus';
import { OrgNameField } from './OrgNameField';
import type { PanelStore } from './store';
import { useVirtual } from './use-virtual';

const ITEM_HEIGHT = 48;

/**
 * Where focus goes once the dialog has closed (its opener may be gone or disabled): the
 * job's summary after a revocation, else "Revoke selected", else the filter box.
 */
function returnFocus(dialog: HTMLElement, after: 'confirm' | 'job'): void {
  const root = dialog.closest('.patrol') ?? dialog.ownerDocument;
  const targets = [
    after === 'job' ? '[data-focus-after-dialog]' : null,
    '[data-focus="revoke"]:not(:disabled)',
    '[data-focus="filter"]',
  ];
  for (const selector of targets) {
    const el = selector ? root.querySelector<HTMLElement>(selector) : null;
    if (el) {
      el.focus();
      return;
    }
  }
}

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside the dialog. showModal traps focus within a top-level page, but the panel
 * is a frame: past the last control Tab leaves the frame for GitHub's page behind the dialog.
 */
function trapTab(event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const at = dialog.ownerDocument.activeElement;
  if (event.shiftKey ? at === first || !dialog.contains(at) : at === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}

export function RevokeDialog({ store }: { store: PanelStore }) {
  const mode = useStore(store, (s) => s.dialog);
  const ref = useRef<HTMLDialogElement>(null);
  const lastOpen = useRef<'confirm' | 'job' | null>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (mode !== 'closed') {
      // showModal gives the focus trap, Esc and the inert page for free.
      if (!dialog.open) dialog.showModal();
      // Cancel first: Enter on a freshly opened dialog must not revoke anything.
      if (lastOpen.current === null) dialog.querySelector<HTMLElement>('[data-focus="cancel"]')?.focus();
      lastOpen.current = mode;
      return;
    }
    if (dialog.open) dialog.close();
    const after = lastOpen.current;
    lastOpen.current = null;
    // After the panel has re-rendered without the dialog (the job's summary appears then).
    if (after) setTimeout(() => returnFocus(dialog, after), 0);
  }, [mode]);
  return (
    <dialog
      ref={ref}
      class="patrol-dialog"
      aria-labelledby={mode === 'closed' ? undefined : 'patrol-revoke-title'}
      onClose={() => store.getState().closeDialog()}
      onKeyDown={trapTab}
    >
      {mode !== 'closed' && <DialogBody store={store} />}
    </dialog>
  );
}

function DialogBody({ store }: { store: PanelStore }) {
  const mode = useStore(store, (s) => s.dialog);
  const selection = useStore(store, (s) => s.selection);
  const sorted = useStore(store, (s) => s.sorted);
  const job = useStore(store, (s) => s.job);
  const outcomes = useStore(store, (s) => s.jobOutcomes);
  const error = useStore(store, (s) => s.error);
  const close = useRef<HTMLButtonElement>(null);
  const org = store.getState().org;
  // Frozen when the dialog opens, so the title and list cannot change under the owner.
  const [tokens] = useState(() => sorted.filter((t) => selection.has(t.grantId)));
  const n = mode === 'job' && job ? job.total : tokens.length;
  const title = `Revoke ${tokensText(n)}`;
  const { closeDialog, confirmRevoke, retryFailed } = store.getState();
  // The confirm form (and the focused button in it) goes: focus moves to what replaced it.
  useLayoutEffect(() => {
    if (mode === 'job') close.current?.focus();
  }, [mode]);

  return (
    <div class="patrol-dialog-body">
      <h2 id="patrol-revoke-title">{title}</h2>
      {/* A live region from the moment the dialog opens (empty until the owner confirms), so the
          progress line and then the summary are announced as they change, without a copy. */}
      <div aria-live="polite" class="patrol-dialog-live">
        {mode === 'job' &&
          (job ? (
            <JobStatus job={job} outcomes={outcomes} onRetry={() => void retryFailed()} />
          ) : error ? null : (
            <p>Revoking {tokensText(n)}…</p>
          ))}
        {mode === 'job' && error && <p class="patrol-danger">{error.message}</p>}
      </div>
      {mode === 'confirm' ? (
        <Confirm
          store={store}
          org={org}
          tokens={tokens}
          title={title}
          onConfirm={() => void confirmRevoke(tokens.map((t) => t.grantId))}
        />
      ) : (
        <div class="patrol-dialog-buttons">
          <button ref={close} type="button" class="patrol-button" onClick={closeDialog}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

interface ConfirmProps {
  store: PanelStore;
  org: string;
  tokens: ReturnType<PanelStore['getState']>['sorted'];
  title: string;
  onConfirm: () => void;
}

function Confirm({ store, org, tokens, title, onConfirm }: ConfirmProps) {
  const [typed, setTyped] = useState('');
  const needsName = tokens.length > 1;
  const ok = !needsName || typed.trim().toLowerCase() === org.toLowerCase();
  const virtual = useVirtual({ count: tokens.length, rowHeight: ITEM_HEIGHT, fallbackHeight: 240 });
  const repositories = store.getState().repositories;
  const now = store.getState().now();
  const items: number[] = [];
  for (let i = virtual.start; i < virtual.end; i++) items.push(i);

  return (
    <form
      method="dialog"
      onSubmit={(event) => {
        event.preventDefault();
        if (ok) onConfirm();
      }}
    >
      <p>
        {needsName ? 'These tokens stop' : 'This token stops'} working at once for every repository of{' '}
        <bdi>{org}</bdi>. {needsName ? 'Their owners' : 'Its owner'} will have to ask for access again. This
        cannot be undone.
      </p>
      <ul class="patrol-revoke-list" aria-label="Tokens to revoke" ref={virtual.ref}>
        <li class="patrol-spacer" aria-hidden="true" style={{ height: `${virtual.totalHeight}px` }} />
        {items.map((i) => {
          const t = tokens[i];
          if (!t) return null;
          return (
            <li key={t.grantId} class="patrol-revoke-item" style={{ top: `${i * ITEM_HEIGHT}px` }}>
              <span class="patrol-revoke-name">
                <span class="patrol-text" dir="auto" title={tokenLabel(t)}>
                  {tokenLabel(t)}
                </span>
                <HiddenMark text={tokenLabel(t)} /> by{' '}
                <span class="patrol-text" dir="auto" title={t.ownerLogin}>
                  {t.ownerLogin}
                </span>
                <HiddenMark text={t.ownerLogin} />
              </span>
              <span class="patrol-revoke-facts">
                {accessText(t, repositories.get(t.grantId))} ·{' '}
                <span class={`patrol-risk-text patrol-risk-${riskOf(t, now)}`}>
                  {RISK_LABEL[riskOf(t, now)]}
                </span>{' '}
                · {lastUsedPhrase(t, now)}
              </span>
            </li>
          );
        })}
      </ul>
      {needsName && <OrgNameField org={org} typed={typed} onTyped={setTyped} />}
      <div class="patrol-dialog-buttons">
        <button
          type="button"
          class="patrol-button"
          data-focus="cancel"
          onClick={() => store.getState().closeDialog()}
        >
          Cancel
        </button>
        <button type="submit" class="patrol-button patrol-button-danger" disabled={!ok}>
          {title}
        </button>
      </div>
    </form>
  );
}
