// "Request details": everything a request asks for, with the requester's whole reason as
// text (any member types it) and the repositories it names.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { riskOf, riskReasons } from '../../lib/risk';
import { ACCESS_LABEL, day, expiresText, permissionsText, RISK_LABEL, tokenLabel } from '../panel/format';
import { HiddenMark } from '../panel/HiddenMark';
import { useStore } from '../use-store';
import type { RequestsStore } from './store';

export function RequestDetails({ store }: { store: RequestsStore }) {
  const id = useStore(store, (s) => s.details);
  const request = useStore(store, (s) => s.requests.find((r) => r.grantId === s.details) ?? null);
  const repos = useStore(store, (s) => (s.details === null ? undefined : s.repositories.get(s.details)));
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request && !dialog.open) dialog.showModal();
    if (!request && dialog.open) dialog.close();
  }, [request]);
  const close = () => store.getState().openDetails(null);
  const now = store.getState().now();
  return (
    <dialog ref={ref} class="patrol-dialog" aria-label="Request details" onClose={close}>
      {request && id !== null && (
        <div class="patrol-dialog-body">
          <h2>
            <bdi>{tokenLabel(request)}</bdi>
            <HiddenMark text={tokenLabel(request)} />
          </h2>
          <dl class="patrol-details">
            <dt>Owner</dt>
            <dd>
              <bdi>{request.ownerLogin}</bdi>
              <HiddenMark text={request.ownerLogin} />
            </dd>
            <dt>Reason</dt>
            <dd>
              <span class="patrol-reason-full" data-testid="request-reason">
                {request.reason ?? 'No reason given.'}
              </span>
              {request.reason && <HiddenMark text={request.reason} />}
            </dd>
            <dt>Requested</dt>
            <dd>{request.requestedAt ? day(request.requestedAt) : '—'}</dd>
            <dt>Access</dt>
            <dd>{ACCESS_LABEL[request.repositorySelection]}</dd>
            <dt>Repositories</dt>
            <dd>
              {request.repositorySelection === 'all' ? (
                'Every repository of the organization, current and future'
              ) : request.repositorySelection === 'none' ? (
                'None (public repositories read-only)'
              ) : repos === undefined ? (
                'Loading…'
              ) : (
                <ul aria-label="Repositories">
                  {repos.map((name) => (
                    <li key={name}>
                      <bdi>{name}</bdi>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Permissions</dt>
            <dd>{permissionsText(request) || 'None'}</dd>
            <dt>Expires</dt>
            <dd>{expiresText(request, now)}</dd>
            <dt>Risk</dt>
            <dd>
              {RISK_LABEL[riskOf(request, now)]}: {riskReasons(request, now).join('; ')}
            </dd>
          </dl>
          <div class="patrol-dialog-buttons">
            <button type="button" class="patrol-button" onClick={close}>
              Close
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
