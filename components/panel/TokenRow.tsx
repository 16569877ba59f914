// biome-ignore-all lint/a11y/useSemanticElements: <table> elements cannot be virtualised (absolutely positioned rows), so ARIA table roles go on divs.
// One table row. Every GitHub-controlled string is rendered as text with dir="auto" inside
// an isolate, so a right-to-left override in a token name cannot reorder other columns.

import { Component } from 'preact';
import type { Token } from '../../lib/tokens';
import { HiddenMark } from './HiddenMark';
import { type DateModel, rowModel, type TextModel } from './row-model';

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
  /** A row kept in the DOM past the end of a shorter result (TokenTable.tsx), out of sight. */
  hidden?: boolean;
}

// The row's parts are plain functions, not components: a row is one component (TokenRow),
// so a keystroke that fills 26 rows with other tokens diffs their elements and nothing else.

/** GitHub-controlled text, isolated, whole in its title, its HiddenMark only when it has one. */
function text(value: TextModel) {
  return (
    <>
      <span class="patrol-text " dir="auto" title={value.value}>
        {value.value}
      </span>
      {value.hidden !== null && <HiddenMark text={value.value} label={value.hidden} />}
    </>
  );
}

/**
 * A date as GitHub's own lists show one: relative ("3 days ago", "in 2 months"), the absolute
 * UTC time in its title and datetime; token details show both as text.
 */
function when(at: DateModel) {
  return (
    <time dateTime={at.iso} title={at.title}>
      {at.text}
    </time>
  );
}

function row({ token, index, top, selected, active, now, onCheck, onOpen, hidden = false }: Props) {
  // Everything the row says, once per token and minute (row-model.ts).
  const model = rowModel(token, now);
  // A gone token (`is:gone`, from the review baseline) is shown, marked, and never selectable.
  const { gone, expired } = model;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      class={`patrol-row${selected ? ' is-selected' : ''}${gone ? ' is-gone' : ''}`}
      style={{ top: `${top}px` }}
      tabIndex={active ? 0 : -1}
      data-index={hidden ? undefined : index}
      hidden={hidden}
    >
      <div role="cell" class="patrol-cell patrol-cell-token">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          disabled={gone}
          aria-label={model.checkLabel}
          // click, not change: only the click carries shiftKey for range selection.
          onClick={(event) => onCheck(token.grantId, event.shiftKey)}
        />
        {gone && <span class="patrol-gone-mark">Gone</span>}
        {onOpen && !gone ? (
          // Out of the tab order like the checkbox: the row is the one stop, Enter on it opens too.
          <button type="button" class="patrol-token-name" tabIndex={-1} onClick={() => onOpen(token.grantId)}>
            {text(model.name)}
          </button>
        ) : (
          text(model.name)
        )}
      </div>
      <div role="cell" class="patrol-cell">
        {text(model.owner)}
      </div>
      <div role="cell" class="patrol-cell">
        {model.access}
      </div>
      <div role="cell" class="patrol-cell">
        <span class={`patrol-risk patrol-risk-${model.risk}`} title={model.riskTitle}>
          {model.risk}
        </span>
      </div>
      <div role="cell" class="patrol-cell">
        {text(model.permissions)}
      </div>
      <div role="cell" class={`patrol-cell${expired ? ' patrol-danger' : ''}`}>
        {model.expires ? (
          when(model.expires)
        ) : expired ? (
          'Expired'
        ) : (
          // A token that never expires is what an audit looks for first: emphasised.
          <strong class="patrol-label patrol-label-attention patrol-never">Never</strong>
        )}
      </div>
      <div role="cell" class="patrol-cell">
        {model.lastUsed ? when(model.lastUsed) : 'Never'}
      </div>
      <div role="cell" class="patrol-cell">
        {model.granted ? when(model.granted) : '—'}
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
    return row(this.props as Props);
  }
}
