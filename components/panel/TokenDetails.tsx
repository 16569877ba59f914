// "Token details" (PRODUCT.md "The panel"): everything the row cannot fit, as text that a
// keyboard, touch or screen-reader user reaches as easily as a mouse user. Esc closes it and
// the table puts focus back on the token's row.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { membershipText } from '../../lib/members';
import { absoluteTime, relativeTime } from '../../lib/relative-time';
import { riskOf, riskReasons } from '../../lib/risk';
import { groupPermissions, tokenPageUrl } from '../../lib/token-details';
import { isExpired, type Token } from '../../lib/tokens';
import { useStore } from '../use-store';
import { accessText, RISK_LABEL, tokenLabel } from './format';
import { HiddenMark } from './HiddenMark';
import type { PanelStore } from './store';

function Text({ value }: { value: string }) {
  return (
    <>
      <bdi class="patrol-text-wrap" dir="auto">
        {value}
      </bdi>
      <HiddenMark text={value} />
    </>
  );
}

/** `2026-06-01 12:00 UTC (in 12 months)`, or what an absent date means. */
function When({ at, now, none }: { at: Date | null; now: number; none: string }) {
  if (at === null) return <strong>{none}</strong>;
  return (
    <>
      <time dateTime={at.toISOString()}>{absoluteTime(at)}</time> ({relativeTime(at, now)})
    </>
  );
}

function Repositories({ token, store }: { token: Token; store: PanelStore }) {
  const list = useStore(store, (s) => s.repositories.get(token.grantId));
  const fetching = useStore(store, (s) => s.task?.purpose === 'details');
  if (token.repositorySelection !== 'subset') return null;
  if (!list)
    return (
      <p class="patrol-muted">{fetching ? 'Fetching the repository list…' : 'Repository list not loaded.'}</p>
    );
  if (list.length === 0) return <p class="patrol-muted">No repository is listed for this token any more.</p>;
  return (
    <ul class="patrol-details-repos" aria-label="Repositories">
      {list.map((name) => (
        <li key={name}>
          <Text value={name} />
        </li>
      ))}
    </ul>
  );
}

export function TokenDetails({ store }: { store: PanelStore }) {
  const id = useStore(store, (s) => s.details);
  const token = useStore(store, (s) =>
    s.details === null ? undefined : s.tokens.find((t) => t.grantId === s.details),
  );
  const repositories = useStore(store, (s) =>
    s.details === null ? undefined : s.repositories.get(s.details),
  );
  const webHost = useStore(store, (s) => s.webHost);
  const memberRoles = useStore(store, (s) => s.memberRoles);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus lands on the details when they open (or show another token).
  useLayoutEffect(() => {
    if (id !== null) heading.current?.focus();
  }, [id]);
  if (!token) return null;
  const { org, now: clock, closeDetails } = store.getState();
  const now = clock();
  const risk = riskOf(token, now);
  const groups = groupPermissions(token.permissions);
  const expired = isExpired(token, now);
  return (
    <section
      class="patrol-details"
      aria-label="Token details"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        closeDetails();
      }}
    >
      <div class="patrol-details-head">
        <h2 ref={heading} tabIndex={-1}>
          <Text value={tokenLabel(token)} />
        </h2>
        <button type="button" class="patrol-button" onClick={closeDetails}>
          Close details
        </button>
      </div>
      <dl class="patrol-details-facts">
        <dt>Owner</dt>
        <dd>
          <Text value={token.ownerLogin} />
        </dd>
        {memberRoles && (
          <>
            <dt>Membership</dt>
            <dd>{membershipText(memberRoles, token.ownerLogin)}</dd>
          </>
        )}
        <dt>Grant id</dt>
        <dd>{token.grantId}</dd>
        <dt>Token id</dt>
        <dd>{token.tokenId ?? 'Not reported by this GitHub version'}</dd>
        <dt>Access</dt>
        <dd>
          {accessText(token, repositories)}
          <Repositories token={token} store={store} />
        </dd>
        <dt>Risk</dt>
        <dd>
          <span class={`patrol-risk-text patrol-risk-${risk}`}>{RISK_LABEL[risk]}</span>
          <ul class="patrol-details-reasons" aria-label="Risk reasons">
            {riskReasons(token, now).map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </dd>
        <dt>{expired ? 'Expired' : 'Expires'}</dt>
        <dd class={expired ? 'patrol-danger' : undefined}>
          <When at={token.expiresAt} now={now} none={token.expired ? 'Expired' : 'Never expires'} />
        </dd>
        <dt>Last used</dt>
        <dd>
          <When at={token.lastUsedAt} now={now} none="Never used" />
        </dd>
        <dt>Access granted</dt>
        <dd>
          <When at={token.grantedAt} now={now} none="Not reported" />
        </dd>
      </dl>
      <h3>Permissions</h3>
      {groups.length === 0 ? (
        <p class="patrol-muted">No permissions.</p>
      ) : (
        groups.map((group) => (
          <div key={group.label} class="patrol-details-group">
            <h4>{group.label}</h4>
            <ul aria-label={`${group.label} permissions`}>
              {group.permissions.map((p) => (
                <li key={p.name}>
                  <Text value={p.name} />: {p.level}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
      <p>
        <a href={tokenPageUrl(webHost, org, token.grantId)} target="_blank" rel="noopener noreferrer">
          View this token on GitHub
        </a>
      </p>
    </section>
  );
}
