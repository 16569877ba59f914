// The visible mark on a GitHub-controlled string holding invisible or direction-changing
// characters (lib/text). The sentence is real text, visually hidden, so a screen reader
// reads it in place (a title alone is not read reliably); sighted owners see ⚠ and get
// the same sentence as a tooltip.
import { invisibleCharactersLabel } from '../../lib/text';

// Inline, so the mark works in every surface that renders it whatever its stylesheet.
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: '0',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: '0',
} as const;

/** The same mark as plain elements, for the table's rows (row-view.ts patches them in place). */
export function hiddenMarkElement(doc: Document, label: string): HTMLSpanElement {
  const mark = doc.createElement('span');
  mark.className = 'patrol-hidden-chars';
  mark.title = label;
  const sign = mark.appendChild(doc.createElement('span'));
  sign.setAttribute('aria-hidden', 'true');
  sign.textContent = '⚠';
  const sentence = mark.appendChild(doc.createElement('span'));
  Object.assign(sentence.style, VISUALLY_HIDDEN);
  sentence.textContent = label;
  return mark;
}

/** `label`: the sentence when the caller has it already (the table's row model). */
export function HiddenMark({
  text,
  label = invisibleCharactersLabel(text),
}: {
  text: string;
  label?: string | null;
}) {
  if (label === null) return null;
  return (
    <span class="patrol-hidden-chars" title={label}>
      <span aria-hidden="true">⚠</span>
      <span style={VISUALLY_HIDDEN}>{label}</span>
    </span>
  );
}
