// biome-ignore-all lint/a11y/useSemanticElements: <table> elements cannot be virtualised (absolutely positioned rows), so ARIA table roles go on divs.
// One table row. Every GitHub-controlled string is rendered as text with dir="auto" inside
// an isolate, so a right-to-left override in a token name cannot reorder other columns.

import { Component } from 'preact';
import { isGone } from '../../lib/gone';
import { absoluteTime, relativeTime } from '../../lib/relative-time';
import { riskOf, riskReasons } from '../../lib/risk';
import { isExpired, type Token } from '../../lib/tokens';
import { ACCESS_LABEL, permissionsText, RISK_LABEL, tokenLabel } from './format';
import { HiddenMark } from './HiddenMark';

interface Props {
  token: Token;
  index: number;
  top: number;
  selected: boolean;
  active: boolean;
  now: number;
  onCheck: (grantId: number, shift: boolean) => void;
  /** Opens the token's details; without it the name is plain text. */
  onOpen?: (grantId: number) => void;
}

function Text({ value, className = '' }: { value: string; className?: string }) {
  return (
    <>
      <span class={`patrol-text ${className}`} dir="auto" title={value}>
        {value}
      </span>
      <HiddenMark text={value} />
    </>
  );
}

/**
 * A date as GitHub's own lists show one: relative ("3 days ago", "in 2 months"), the absolute
 * UTC time in its title and datetime; token details show both as text.
 */
function When({ at, now, prefix = '' }: { at: Date; now: number; prefix?: string }) {
  return (
    <time dateTime={at.toISOString()} title={absoluteTime(at)}>
      {prefix}
      {relativeTime(at, now)}
    </time>
  );
}

function Row({ token, index, top, selected, active, now, onCheck, onOpen }: Props) {
  const name = tokenLabel(token);
  const risk = riskOf(token, now);
  const expired = isExpired(token, now);
  const perms = permissionsText(token);
  // A gone token (`is:gone`, from the review baseline) is shown, marked, and never selectable.
  const gone = isGone(token);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      class={`patrol-row${selected ? ' is-selected' : ''}${gone ? ' is-gone' : ''}`}
      style={{ top: `${top}px` }}
      tabIndex={active ? 0 : -1}
      data-index={index}
    >
      <div role="cell" class="patrol-cell patrol-cell-token">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          disabled={gone}
          aria-label={`Select ${name} by ${token.ownerLogin}`}
          // click, not change: only the click carries shiftKey for range selection.
          onClick={(event) => onCheck(token.grantId, event.shiftKey)}
        />
        {gone && <span class="patrol-gone-mark">Gone</span>}
        {onOpen && !gone ? (
          // Out of the tab order like the checkbox: the row is the one stop, Enter on it opens too.
          <button type="button" class="patrol-token-name" tabIndex={-1} onClick={() => onOpen(token.grantId)}>
            <Text value={name} />
          </button>
        ) : (
          <Text value={name} />
        )}
      </div>
      <div role="cell" class="patrol-cell">
        <Text value={token.ownerLogin} />
      </div>
      <div role="cell" class="patrol-cell">
        {ACCESS_LABEL[token.repositorySelection]}
      </div>
      <div role="cell" class="patrol-cell">
        <span
          class={`patrol-risk patrol-risk-${risk}`}
          title={[RISK_LABEL[risk], ...riskReasons(token, now)].join('\n')}
        >
          {risk}
        </span>
      </div>
      <div role="cell" class="patrol-cell">
        <Text value={gone ? 'Not listed any more' : perms || 'No permissions'} />
      </div>
      <div role="cell" class={`patrol-cell${expired ? ' patrol-danger' : ''}`}>
        {token.expiresAt ? (
          <When at={token.expiresAt} now={now} prefix={expired ? 'Expired ' : ''} />
        ) : expired ? (
          'Expired'
        ) : (
          // A token that never expires is what an audit looks for first: emphasised.
          <strong class="patrol-label patrol-label-attention patrol-never">Never</strong>
        )}
      </div>
      <div role="cell" class="patrol-cell">
        {token.lastUsedAt ? <When at={token.lastUsedAt} now={now} /> : 'Never'}
      </div>
      <div role="cell" class="patrol-cell">
        {token.grantedAt ? <When at={token.grantedAt} now={now} /> : '—'}
      </div>
    </div>
  );
}

/**
 * A row re-renders only when one of its props changes: while the owner types, most rows in
 * view stay the same tokens at the same places, and redrawing them is the keystroke's cost.
 */
export class TokenRow extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    const props = this.props as Props;
    return (Object.keys(next) as (keyof Props)[]).some((key) => next[key] !== props[key]);
  }

  override render() {
    return <Row {...(this.props as Props)} />;
  }
}
