// The credentials table: a checkbox a row, the name a button opening "Credential details".
// Rows are capped (the filter narrows them); hostile text is rendered as text, with a mark
// on invisible or direction-changing characters.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { credentialName, type SsoCredential } from '../../lib/sso/credential';
import { ssoRiskOf, ssoRiskReasons } from '../../lib/sso/risk';
import { HiddenMark } from '../panel/HiddenMark';
import { useStore } from '../use-store';
import { day, dayTime, kindLabel } from './format';
import type { SsoStore } from './store';

export const MAX_ROWS = 500;

function Row({ store, c, now }: { store: SsoStore; c: SsoCredential; now: number }) {
  const selected = useStore(store, (s) => s.selection.has(c.credentialId));
  const name = credentialName(c);
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${name} by ${c.login}`}
          checked={selected}
          onChange={() => store.getState().toggle(c.credentialId)}
        />
      </td>
      <td>
        <button
          type="button"
          class="patrol-link"
          id={`patrol-sso-name-${c.credentialId}`}
          onClick={() => store.getState().showDetails(c.credentialId)}
        >
          <bdi>{name}</bdi>
        </button>
        <HiddenMark text={name} />
        {/* What tells the credential apart: a token's last eight characters, a key's fingerprint. */}
        {c.label && (c.kind === 'ssh' ? c.fingerprint : c.lastEight) && (
          <span class="patrol-muted">
            {' '}
            <bdi>{c.kind === 'ssh' ? c.fingerprint : `…${c.lastEight}`}</bdi>
          </span>
        )}
      </td>
      <td>
        <bdi>{c.login}</bdi>
        <HiddenMark text={c.login} />
      </td>
      <td>{kindLabel(c)}</td>
      <td>{c.kind === 'ssh' ? '—' : c.scopes.join(', ') || 'none'}</td>
      <td>{c.kind === 'ssh' ? '—' : day(c.expiresAt, 'never')}</td>
      <td>{day(c.accessedAt, 'never')}</td>
      <td>{day(c.authorizedAt, '—')}</td>
      <td title={ssoRiskReasons(c, now).join('\n')}>{ssoRiskOf(c, now)}</td>
    </tr>
  );
}

export function SsoTable({ store }: { store: SsoStore }) {
  const shown = useStore(store, (s) => s.shown);
  const now = store.getState().loadedAt ?? Date.now();
  const rows = shown.slice(0, MAX_ROWS);
  return (
    <>
      <div class="patrol-table-wrap patrol-sso-table">
        <table class="patrol-table" aria-label="SSO credentials">
          <thead>
            <tr>
              <th scope="col">
                <span class="patrol-visually-hidden">Select</span>
              </th>
              {['Credential', 'Owner', 'Type', 'Scopes', 'Expires', 'Last used', 'Authorized', 'Risk'].map(
                (h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <Row key={c.credentialId} store={store} c={c} now={now} />
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > rows.length && (
        <p class="patrol-muted">
          Showing the first {MAX_ROWS} of {shown.length.toLocaleString()}; filter to narrow them.
        </p>
      )}
    </>
  );
}

export function SsoDetails({ store }: { store: SsoStore }) {
  const id = useStore(store, (s) => s.detailsId);
  const c = useStore(store, (s) => s.credentials.find((x) => x.credentialId === s.detailsId));
  const section = useRef<HTMLElement>(null);
  // Focus moves into the details when they open, and back to the row's name when they close.
  const opened = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (id !== null) {
      opened.current = id;
      section.current?.focus();
    } else if (opened.current !== null) {
      document.getElementById(`patrol-sso-name-${opened.current}`)?.focus();
      opened.current = null;
    }
  }, [id]);
  if (id === null || !c) return null;
  const now = store.getState().loadedAt ?? Date.now();
  const close = () => store.getState().showDetails(null);
  const facts: [string, string][] = [
    ['Type', kindLabel(c)],
    ['Owner', c.login],
    ['Authorization id', String(c.credentialId)],
    ['Credential id', c.authorizedCredentialId === null ? '—' : String(c.authorizedCredentialId)],
    [
      c.kind === 'ssh' ? 'Fingerprint' : 'Last eight characters',
      (c.kind === 'ssh' ? c.fingerprint : c.lastEight) ?? '—',
    ],
    ['Scopes', c.scopes.join(', ') || 'none'],
    ['Authorized', dayTime(c.authorizedAt, '—')],
    ['Last used', dayTime(c.accessedAt, 'never')],
    ['Expires', dayTime(c.expiresAt, 'never')],
    ['Risk', `${ssoRiskOf(c, now)}: ${ssoRiskReasons(c, now).join('; ')}`],
  ];
  return (
    <section
      ref={section}
      tabIndex={-1}
      aria-label="Credential details"
      class="patrol-details"
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
      }}
    >
      <h3>
        <bdi>{credentialName(c)}</bdi>
        <HiddenMark text={credentialName(c)} />
      </h3>
      <dl>
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>
              <bdi>{value}</bdi>
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" class="patrol-button" onClick={close}>
        Close details
      </button>
    </section>
  );
}
