// One search result: an ARIA option showing who holds which token where, with the
// characters uFuzzy matched wrapped in <mark>. All text goes through Preact as text nodes.
import type { ComponentChildren } from 'preact';
import { highlightParts, type SearchHit } from '../../lib/popup-search';
import { riskOf } from '../../lib/risk';
import { RISK_LABEL } from '../panel/format';
import { expiryText, isoDay, lastUsedText } from './format';

export const optionId = (i: number): string => `popup-result-${i}`;

/** A user-controlled string, isolated (dir="auto") so RTL names cannot reorder the row. */
function Marked({ text, ranges, class: className }: { text: string; ranges: number[]; class: string }) {
  const parts: ComponentChildren[] = highlightParts(text, ranges).map((part, i) =>
    part.matched ? <mark key={i}>{part.text}</mark> : part.text,
  );
  return (
    <span class={className} dir="auto">
      {parts}
    </span>
  );
}

interface Props {
  hit: SearchHit;
  index: number;
  active: boolean;
  now: number;
  onOpen: (index: number) => void;
  onHover: (index: number) => void;
}

export function ResultOption({ hit, index, active, now, onOpen, onHover }: Props) {
  const { token, ranges } = hit;
  const expiry = expiryText(token, now);
  const risk = riskOf(token, now);
  // When it expired, not only that it did: an owner asks "how long ago?".
  const expiryLabel =
    expiry === 'expired'
      ? token.expiresAt
        ? `Expired ${isoDay(token.expiresAt)}`
        : 'Expired'
      : expiry === 'never'
        ? 'Never expires'
        : `Expires ${expiry}`;
  return (
    // Keyboard use goes through the combobox (aria-activedescendant), not the option.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles Enter
    <div
      role="option"
      tabIndex={-1}
      id={optionId(index)}
      aria-selected={active}
      class={active ? 'result active' : 'result'}
      onClick={() => onOpen(index)}
      onMouseMove={() => onHover(index)}
    >
      <div class="result-name">
        <Marked class="name" text={token.tokenName || '(unnamed token)'} ranges={ranges.name} />
      </div>
      <div class="result-meta">
        <Marked class="owner" text={token.ownerLogin} ranges={ranges.owner} />
        <span aria-hidden="true"> · </span>
        <Marked class="org" text={hit.org} ranges={ranges.org} />
      </div>
      <div class="result-meta">
        <span class={`risk risk-${risk}`}>{RISK_LABEL[risk]}</span>
        <span aria-hidden="true"> · </span>
        <span
          class={expiry === 'expired' ? 'expiry expired' : expiry === 'never' ? 'expiry never' : 'expiry'}
        >
          {expiryLabel}
        </span>
        <span aria-hidden="true"> · </span>
        <span class="used">Last used {lastUsedText(token, now)}</span>
      </div>
    </div>
  );
}
