// The one way PATrol writes a CSV file (audit, revocation log, requests, review history):
// RFC 4180 with CRLF, quoted only where needed, a UTF-8 BOM, and every cell a spreadsheet
// could run as a formula neutralised (PRODUCT.md "Audit CSV").
import Papa from 'papaparse';

/**
 * Excel only reads a CSV as UTF-8 when it starts with a byte order mark; LibreOffice,
 * Google Sheets and Papa.parse skip it. RFC 4180 is silent on it (it is encoding, not
 * format), so it is always written.
 */
export const CSV_BOM = '\uFEFF';

// What a spreadsheet may skip before it looks for a formula sign: white space, controls
// and characters that render as nothing. `\s` covers U+FEFF, U+00A0, U+3000 and U+2028/9.
const LEADING = /^[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]*/u;
const LINE_OR_TAB = /[\t\r\n]/;
const FORMULA_SIGN = /^[=+\-@]/;

/**
 * True when a spreadsheet could read `cell` as a formula: its first character, after any
 * leading white space, control or invisible characters, is `=`, `+`, `-` or `@` (or a
 * compatibility form of one: full-width `＝＋－＠`, small `﹦﹢﹣﹫`), or the cell starts
 * with a tab, CR or LF (also when hidden behind such characters). Only the start counts,
 * so a formula followed by more lines is caught too (Papa's `escapeFormulae: true` pattern
 * ends in `.*$` without the s flag and misses those).
 */
export function isFormulaLike(cell: string): boolean {
  const lead = LEADING.exec(cell)?.[0] ?? '';
  if (LINE_OR_TAB.test(lead)) return true;
  const next = cell.codePointAt(lead.length);
  if (next === undefined) return false;
  // ASCII other than the signs is never a compatibility form: skip normalising it.
  if (next < 0x80) return FORMULA_SIGN.test(String.fromCharCode(next));
  return FORMULA_SIGN.test(String.fromCodePoint(next).normalize('NFKC'));
}

/** The cell as written: a leading `'` when it could run as a formula (OWASP's advice). */
export function neutraliseCell(cell: string): string {
  return isFormulaLike(cell) ? `'${cell}` : cell;
}

/** A whole CSV file: BOM, the header row, then one record a row, every record ending in CRLF. */
export function writeCsv(fields: readonly string[], rows: readonly (readonly string[])[]): string {
  const data = rows.map((row) => row.map(neutraliseCell));
  const csv = Papa.unparse(
    { fields: fields.map(neutraliseCell), data },
    { newline: '\r\n', quotes: false, escapeFormulae: false },
  );
  // RFC 4180 allows a CRLF after the last record; Papa leaves it off except when there
  // are no rows, so add it for one consistent shape.
  return CSV_BOM + (csv.endsWith('\r\n') ? csv : `${csv}\r\n`);
}
