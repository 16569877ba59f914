// A searchable multi-select menu, like GitHub's own select menus (Primer's SelectPanel): a
// button opens a popover with a filter box and a list; typing narrows the list, arrows move,
// Enter or a click toggles, Esc closes and returns focus to the button. Only the first
// MAX_SHOWN matches are in the DOM, so an org with thousands of owners opens it as fast as
// one with ten (PRODUCT.md "The panel": menus "scale to thousands of owners").
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Octicon } from './Octicon';

export interface MenuItem {
  value: string;
  /** How many loaded tokens have it: shown beside the value, most first. */
  count: number;
}

interface Props {
  /** The button's text ("Owner"). */
  label: string;
  /** The button's accessible name ("Filter by owner"); it contains the label. */
  name: string;
  /** The filter box's name ("Filter owners") and the list's ("Owners"). */
  filterLabel: string;
  listLabel: string;
  /** "owner" / "owners", for "Showing 100 of 1,234 owners". */
  noun: readonly [one: string, many: string];
  items: readonly MenuItem[];
  /** The values chosen now (lower case), read when the open menu draws. */
  selected: () => ReadonlySet<string>;
  onToggle: (value: string) => void;
}

export const MAX_SHOWN = 100;
const number = new Intl.NumberFormat();

export function SelectMenu(props: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    // A press outside closes it, as GitHub's menus do.
    const onDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  return (
    <div class="patrol-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class="patrol-button patrol-button-small"
        aria-label={props.name}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? `${id}-popover` : undefined}
        onClick={() => setOpen(!open)}
      >
        {props.label}
        <Octicon name="triangle-down" />
      </button>
      {open && (
        <Popover
          {...props}
          id={id}
          onClose={(refocus) => {
            setOpen(false);
            if (refocus) button.current?.focus();
          }}
        />
      )}
    </div>
  );
}

function Popover({
  id,
  filterLabel,
  listLabel,
  noun,
  items,
  selected,
  onToggle,
  onClose,
}: Props & { id: string; onClose: (refocus: boolean) => void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  // Selections redraw the checks: a tick, since the truth is the filter box's text.
  const [, redraw] = useState(0);

  useLayoutEffect(() => input.current?.focus(), []);

  const matches = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return needle === '' ? items : items.filter((item) => item.value.toLowerCase().includes(needle));
  }, [items, text]);
  const shown = matches.slice(0, MAX_SHOWN);
  const current = Math.min(active, Math.max(0, shown.length - 1));
  const optionId = (i: number) => `${id}-option-${i}`;

  useEffect(() => {
    list.current?.querySelector(`#${CSS.escape(optionId(current))}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const toggle = (value: string) => {
    onToggle(value);
    redraw((n) => n + 1);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const move: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in move) {
      event.preventDefault();
      if (shown.length > 0) setActive((current + (move[event.key] ?? 0) + shown.length) % shown.length);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : shown.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = shown[current];
      if (item) toggle(item.value);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(true);
    } else if (event.key === 'Tab') {
      onClose(false);
    }
  };

  const chosen = selected();
  const listId = `${id}-list`;
  const more = matches.length - shown.length;
  return (
    <div class="patrol-menu-popover" id={`${id}-popover`}>
      <div class="patrol-menu-filter">
        <Octicon name="search" class="patrol-menu-search" />
        <input
          ref={input}
          type="text"
          role="combobox"
          class="patrol-input"
          aria-label={filterLabel}
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown.length > 0 ? optionId(current) : undefined}
          autocomplete="off"
          spellcheck={false}
          value={text}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div
        ref={list}
        id={listId}
        role="listbox"
        class="patrol-menu-list"
        aria-label={listLabel}
        aria-multiselectable="true"
      >
        {shown.map((item, i) => {
          const isChosen = chosen.has(item.value.toLowerCase());
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys go to the filter box (aria-activedescendant), the listbox pattern's focus model.
            <div
              key={item.value}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={isChosen}
              class={`patrol-menu-option${i === current ? ' is-active' : ''}`}
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => i !== current && setActive(i)}
              onClick={() => toggle(item.value)}
            >
              <span class="patrol-menu-check">{isChosen && <Octicon name="check" />}</span>
              <bdi class="patrol-text">{item.value}</bdi>
              <span class="patrol-counter">{number.format(item.count)}</span>
            </div>
          );
        })}
      </div>
      <p class="patrol-menu-note" role="status">
        {matches.length === 0
          ? `No ${noun[1]} match`
          : more > 0
            ? `Showing ${number.format(shown.length)} of ${number.format(matches.length)} ${noun[1]}: type to narrow`
            : `${number.format(matches.length)} ${matches.length === 1 ? noun[0] : noun[1]}`}
      </p>
    </div>
  );
}
