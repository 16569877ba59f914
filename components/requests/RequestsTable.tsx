// The pending requests as a table (PRODUCT.md columns: Token, Owner, Access, Permissions,
// Expires, Requested, Reason). Every GitHub field is rendered as text; a reason is shown on
// one line here and whole in the details.
import { riskOf } from '../../lib/risk';
import type { TokenRequest } from '../../lib/token-requests';
import { ACCESS_LABEL, day, expiresText, permissionsText, RISK_LABEL, tokenLabel } from '../panel/format';
import { HiddenMark } from '../panel/HiddenMark';
import { useStore } from '../use-store';
import type { RequestsStore } from './store';

/** Rows rendered at most; the filter narrows the rest (pending lists are rarely this long). */
export const MAX_ROWS = 500;

function Row({ store, r }: { store: RequestsStore; r: TokenRequest }) {
  const selected = useStore(store, (s) => s.selection.has(r.grantId));
  const { clickRow, openDetails, now } = store.getState();
  const risk = riskOf(r, now());
  const name = tokenLabel(r);
  return (
    <tr class="patrol-row" aria-selected={selected}>
      <td>
        <input
          type="checkbox"
          class="patrol-check"
          aria-label={`Select request ${name} by ${r.ownerLogin}`}
          checked={selected}
          onClick={(event) => clickRow(r.grantId, event.shiftKey)}
        />
      </td>
      <td>
        <button type="button" class="patrol-link" onClick={() => openDetails(r.grantId)}>
          <bdi class="patrol-text">{name}</bdi>
        </button>
        <HiddenMark text={name} />{' '}
        <span class={`patrol-risk patrol-risk-${risk}`} title={RISK_LABEL[risk]}>
          {RISK_LABEL[risk]}
        </span>
      </td>
      <td>
        <bdi class="patrol-text">{r.ownerLogin}</bdi>
        <HiddenMark text={r.ownerLogin} />
      </td>
      <td>{ACCESS_LABEL[r.repositorySelection]}</td>
      <td class="patrol-text">{permissionsText(r)}</td>
      <td>{expiresText(r, now())}</td>
      <td>{r.requestedAt === null ? '—' : day(r.requestedAt)}</td>
      <td class="patrol-text patrol-reason" title={r.reason ?? ''}>
        <bdi>{r.reason ?? ''}</bdi>
        {r.reason && <HiddenMark text={r.reason} />}
      </td>
    </tr>
  );
}

export function RequestsTable({ store }: { store: RequestsStore }) {
  const shown = useStore(store, (s) => s.shown);
  return (
    <>
      <table class="patrol-requests-table" aria-label="Pending requests">
        <thead>
          <tr>
            <th scope="col">
              <span class="patrol-visually-hidden">Select</span>
            </th>
            {['Token', 'Owner', 'Access', 'Permissions', 'Expires', 'Requested', 'Reason'].map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, MAX_ROWS).map((r) => (
            <Row key={r.grantId} store={store} r={r} />
          ))}
        </tbody>
      </table>
      {shown.length > MAX_ROWS && (
        <p class="patrol-muted">
          The first {MAX_ROWS} are shown; narrow the filter to see the others ("Select all matching" takes
          them all).
        </p>
      )}
    </>
  );
}
