// One table row's elements, built once and then patched in place. At 50,000 tokens a
// keystroke puts other tokens in the rows in view, and diffing each row's thirty-odd virtual
// nodes was most of a keystroke's render (`npm run bench`). TokenRow.tsx renders the row's
// element once; this module fills it and, for each later token or place, writes only what
// differs from what it wrote last. GitHub-controlled strings are only ever set as text
// (textContent, attributes), never parsed, each with dir="auto" inside an isolate
// (.patrol-text), so a right-to-left override in a token name cannot reorder other columns.
import { hiddenMarkElement } from './HiddenMark';
import type { DateModel, RowModel, TextModel } from './row-model';

/** Where the row is and how it stands: everything it shows that is not the token's. */
export interface RowPlace {
  index: number;
  top: number;
  selected: boolean;
  active: boolean;
  /** Kept in the DOM past the end of a shorter result (row-slots.ts), out of sight. */
  hidden: boolean;
  /** The name is a button that opens the token's details. */
  openable: boolean;
}

export interface RowActions {
  check: (shift: boolean) => void;
  open: () => void;
}

export interface RowView {
  update: (model: RowModel, place: RowPlace) => void;
}

function element<K extends keyof HTMLElementTagNameMap>(
  parent: HTMLElement,
  tag: K,
  className = '',
): HTMLElementTagNameMap[K] {
  const el = parent.ownerDocument.createElement(tag);
  if (className) el.className = className;
  parent.appendChild(el);
  return el;
}

const cell = (row: HTMLElement, className = 'patrol-cell') => {
  const el = element(row, 'div', className);
  el.setAttribute('role', 'cell');
  return el;
};

/** A cell shows exactly `node` (a date's <time>, or what stands for a missing date). */
function show(parent: HTMLElement, node: Node): void {
  if (parent.firstChild !== node || parent.childNodes.length !== 1) parent.replaceChildren(node);
}

/** GitHub-controlled text, isolated and whole in its title, and its HiddenMark when it has one. */
class TextSlot {
  readonly span: HTMLSpanElement;
  private mark: HTMLElement | null = null;
  private shown: TextModel | null = null;

  constructor(parent: HTMLElement) {
    this.span = element(parent, 'span', 'patrol-text');
    this.span.dir = 'auto';
  }

  set(value: TextModel): void {
    const last = this.shown;
    this.shown = value;
    if (last?.value !== value.value) {
      this.span.textContent = value.value;
      this.span.title = value.value;
    }
    if (last !== null && last.hidden === value.hidden) return;
    this.mark?.remove();
    this.mark = value.hidden === null ? null : hiddenMarkElement(this.span.ownerDocument, value.hidden);
    if (this.mark) this.span.after(this.mark);
  }

  /** Moves the text (and its mark) to the end of `parent`. */
  moveTo(parent: HTMLElement): void {
    parent.appendChild(this.span);
    if (this.mark) parent.appendChild(this.mark);
  }
}

/** A date cell: a <time> (relative text, absolute title), or `missing` when there is no date. */
class DateSlot {
  private readonly time: HTMLTimeElement;
  private shown: DateModel | null = null;

  constructor(private readonly cell: HTMLElement) {
    this.time = cell.ownerDocument.createElement('time');
  }

  set(at: DateModel | null, missing: Node): void {
    if (!at) {
      show(this.cell, missing);
      return;
    }
    if (this.shown?.text !== at.text) this.time.textContent = at.text;
    if (this.shown?.iso !== at.iso) this.time.dateTime = at.iso;
    if (this.shown?.title !== at.title) this.time.title = at.title;
    this.shown = at;
    show(this.cell, this.time);
  }
}

export function createRowView(row: HTMLElement, actions: RowActions): RowView {
  const doc = row.ownerDocument;
  const tokenCell = cell(row, 'patrol-cell patrol-cell-token');
  const check = element(tokenCell, 'input');
  check.type = 'checkbox';
  check.tabIndex = -1;
  // click, not change: only the click carries shiftKey for range selection.
  check.addEventListener('click', (event) => actions.check(event.shiftKey));
  const goneMark = doc.createElement('span');
  goneMark.className = 'patrol-gone-mark';
  goneMark.textContent = 'Gone';
  // Out of the tab order like the checkbox: the row is the one stop, Enter on it opens too.
  const nameButton = doc.createElement('button');
  nameButton.type = 'button';
  nameButton.className = 'patrol-token-name';
  nameButton.tabIndex = -1;
  nameButton.addEventListener('click', () => actions.open());
  const name = new TextSlot(tokenCell);
  const owner = new TextSlot(cell(row));
  const access = cell(row);
  const risk = element(cell(row), 'span');
  const permissions = new TextSlot(cell(row));
  const expiresCell = cell(row);
  const expires = new DateSlot(expiresCell);
  // A token that never expires is what an audit looks for first: emphasised.
  const never = doc.createElement('strong');
  never.className = 'patrol-label patrol-label-attention patrol-never';
  never.textContent = 'Never';
  const expiredText = doc.createTextNode('Expired');
  const lastUsed = new DateSlot(cell(row));
  const neverUsed = doc.createTextNode('Never');
  const granted = new DateSlot(cell(row));
  const noGrantDate = doc.createTextNode('—');

  let model: RowModel | null = null;
  let place: RowPlace | null = null;
  let nameIn: HTMLElement = tokenCell;
  let rowClass = '';

  function fill(next: RowModel, openable: boolean): void {
    const last = model;
    if (last?.checkLabel !== next.checkLabel) check.setAttribute('aria-label', next.checkLabel);
    if (next.gone !== last?.gone) {
      check.disabled = next.gone;
      if (next.gone) check.after(goneMark);
      else goneMark.remove();
    }
    const holder = openable && !next.gone ? nameButton : tokenCell;
    if (holder !== nameIn) {
      name.moveTo(holder);
      if (holder === nameButton) tokenCell.appendChild(nameButton);
      else nameButton.remove();
      nameIn = holder;
    }
    name.set(next.name);
    owner.set(next.owner);
    if (last?.access !== next.access) access.textContent = next.access;
    if (last?.risk !== next.risk) {
      risk.className = `patrol-risk patrol-risk-${next.risk}`;
      risk.textContent = next.risk;
    }
    if (last?.riskTitle !== next.riskTitle) risk.title = next.riskTitle;
    permissions.set(next.permissions);
    if (last?.expired !== next.expired)
      expiresCell.className = `patrol-cell${next.expired ? ' patrol-danger' : ''}`;
    expires.set(next.expires, next.expired ? expiredText : never);
    lastUsed.set(next.lastUsed, neverUsed);
    granted.set(next.granted, noGrantDate);
    model = next;
  }

  function move(next: RowPlace, gone: boolean): void {
    const last = place;
    if (last?.index !== next.index) row.setAttribute('aria-rowindex', String(next.index + 2));
    if (last?.top !== next.top) row.style.top = `${next.top}px`;
    const className = `patrol-row${next.selected ? ' is-selected' : ''}${gone ? ' is-gone' : ''}`;
    if (className !== rowClass) row.className = className;
    rowClass = className;
    if (last?.active !== next.active) row.tabIndex = next.active ? 0 : -1;
    if (last?.hidden !== next.hidden || last?.index !== next.index) {
      // A hidden row has no index: focus and the details' return look rows up by it.
      if (next.hidden) row.removeAttribute('data-index');
      else row.setAttribute('data-index', String(next.index));
      row.hidden = next.hidden;
    }
    // The property, not the attribute: a click has already toggled it before the store answers.
    if (check.checked !== next.selected) check.checked = next.selected;
    place = next;
  }

  return {
    update(nextModel, nextPlace) {
      if (nextModel !== model || nextPlace.openable !== place?.openable) fill(nextModel, nextPlace.openable);
      move(nextPlace, nextModel.gone);
    },
  };
}
