// @vitest-environment node
// Every CSV PATrol writes, read back with Papa.parse as a spreadsheet import would: the
// assertions are on the parsed cells, never on the writer's own output string.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, auditCsv } from '../../lib/csv';
import { CSV_BOM, neutraliseCell, writeCsv } from '../../lib/csv-write';
import { logCsv } from '../../lib/log-csv';
import type { LogEntry } from '../../lib/protocol';
import { makeToken } from './token-factory';

const NOW = Date.parse('2025-06-01T12:00:00Z');

/** Parses a whole file back; checks the BOM, the CRLF after every record and the width. */
function parseBack(csv: string, width: number): string[][] {
  expect(csv.startsWith(CSV_BOM)).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const parsed = Papa.parse<string[]>(csv.slice(CSV_BOM.length, -2), {
    header: false,
    newline: '\r\n',
    delimiter: ',',
  });
  expect(parsed.errors).toEqual([]);
  for (const row of parsed.data) expect(row).toHaveLength(width);
  return parsed.data;
}

// Written out here, apart from lib/csv-write, so the test is its own oracle.
const SKIPPED = new Set([
  ...' \t\n\r\v\f\u0000\u0007\u001B\u007F\u0085\u00A0\u00AD\u034F\u115F\u1160\u180E\u2000\u200A\u200B\u200C\u200D\u200E\u200F',
  ...'\u2028\u2029\u202A\u202E\u2060\u2066\u2069\u3000\u3164\uFE0F\uFEFF\uFFA0\u{E0001}\u{E0041}\u{E007F}',
]);
const SIGNS = new Set([...'=+-@＝＋－＠﹦﹢﹣﹫']);

const HOSTILE: [string, string][] = [
  ['plain formula', '=1+1'],
  ['plus', '+1'],
  ['minus', '-2+3'],
  ['at', '@SUM(A1:A9)'],
  ['tab first', '\tfoo'],
  ['CR first', '\rfoo'],
  ['LF first', '\nfoo'],
  ['CRLF then formula', '\r\n=1+1'],
  ['multi-line formula', "=cmd|' /C calc'!A0\nsecond line"],
  ['multi-line formula, CRLF', '=HYPERLINK("http://evil.example","x")\r\nmore\r\nlines'],
  ['leading spaces', '   =1+1'],
  ['leading no-break space', '\u00A0@x'],
  ['leading ideographic space', '\u3000+x'],
  ['leading NUL and BEL', '\u0000\u0007=x'],
  ['leading escape and DEL', '\u001B\u007F-x'],
  ['leading zero-width space', '\u200B=x'],
  ['leading BOM', '\uFEFF=x'],
  ['leading right-to-left override', '\u202E=x'],
  ['leading isolates', '\u2066\u2069=x'],
  ['leading line separator', '\u2028=x'],
  ['leading paragraph separator', '\u2029=x'],
  ['leading combining grapheme joiner', '\u034F=x'],
  ['leading tag characters', '\u{E0001}\u{E0041}=x'],
  ['leading Hangul fillers', '\u3164\u115F\uFFA0=x'],
  ['leading variation selector', '\uFE0F=x'],
  ['leading soft hyphen', '\u00AD=x'],
  ['spaces then tab', '  \tx'],
  ['full-width equals', '＝1+1'],
  ['full-width plus', '＋1'],
  ['full-width minus', '－1'],
  ['full-width at', '＠SUM(A1)'],
  ['small equals', '﹦1'],
  ['space then full-width equals', ' ＝HYPERLINK("x")'],
  ['ZWSP then full-width at, multi-line', '\u200B＠x\nsecond'],
];

const HARMLESS: [string, string][] = [
  ['a name', 'deploy bot'],
  ['an equals inside', 'a=b'],
  ['a hyphen inside', 'ci-deploy'],
  ['empty', ''],
  ['only spaces', '   '],
  ['only a zero-width space', '\u200B'],
  ['a formula on the second line', 'first line\n=1+1'],
  ['HTML', '<img src=x onerror=alert(1)>'],
  ['quotes and commas', 'say "hi", =x'],
  ['full-width digits', '１２３'],
  ['a right-to-left override mid-name', 'deploy\u202Eetirw'],
  ['a leading apostrophe', "'=already"],
  ['a Japanese name', '日本=1'],
];

const entry = (text: string): LogEntry => ({
  at: NOW,
  org: 'acme',
  grantId: 1,
  tokenId: 2,
  tokenName: text,
  ownerLogin: text,
  outcome: 'failed',
  reason: text,
  actor: text,
});

describe('the CSV cell rule, read back from every CSV', () => {
  it.each(HOSTILE)('neutralises %s in the audit and log CSVs', (_label, text) => {
    const audit = parseBack(
      auditCsv(
        [{ token: makeToken({ tokenName: text, ownerLogin: text }), repositories: [text] }],
        text,
        NOW,
      ),
      AUDIT_CSV_COLUMNS.length,
    );
    expect(audit).toHaveLength(2);
    const [, row] = audit as [string[], string[]];
    for (const column of ['org', 'token_name', 'owner_login', 'repositories'] as const) {
      expect(row[AUDIT_CSV_COLUMNS.indexOf(column)]).toBe(`'${text}`);
    }
    const log = parseBack(logCsv([entry(text)]), 9);
    expect(log).toHaveLength(2);
    expect(log[1]?.slice(4)).toEqual([`'${text}`, `'${text}`, 'failed', `'${text}`, `'${text}`]);
  });

  it.each(HARMLESS)('keeps %s exact', (_label, text) => {
    const [, row] = parseBack(logCsv([entry(text)]), 9) as [string[], string[]];
    expect(row[4]).toBe(text);
    expect(row[7]).toBe(text);
    const audit = parseBack(
      auditCsv([{ token: makeToken({ tokenName: text }), repositories: null }], 'acme', NOW),
      AUDIT_CSV_COLUMNS.length,
    );
    expect(audit[1]?.[AUDIT_CSV_COLUMNS.indexOf('token_name')]).toBe(text);
  });

  it('starts every file with a BOM, even an empty one', () => {
    expect(logCsv([]).startsWith(`${CSV_BOM}time,org,`)).toBe(true);
    expect(auditCsv([], 'acme', NOW).startsWith(`${CSV_BOM}org,grant_id,`)).toBe(true);
    expect(writeCsv(['a'], [])).toBe(`${CSV_BOM}a\r\n`);
  });

  it('never lets a cell reach a spreadsheet formula-first, and changes nothing else (any text)', () => {
    const piece = fc.oneof(
      fc.constantFrom(...SKIPPED, ...SIGNS, 'a', '1', '"', ',', "'"),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    );
    const cell = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), (cells) => {
        const rows = parseBack(
          // Two columns: a one-column record holding '' would be a blank line.
          writeCsv(
            ['h', 'end'],
            cells.map((c) => [c, 'end']),
          ),
          2,
        ).slice(1);
        expect(rows.map((r) => r[0])).toHaveLength(cells.length);
        cells.forEach((original, i) => {
          const read = rows[i]?.[0] as string;
          const chars = [...original];
          let k = 0;
          while (
            k < chars.length &&
            SKIPPED.has(chars[k] as string) &&
            !'\t\r\n'.includes(chars[k] as string)
          )
            k++;
          const dangerous =
            k < chars.length && (SIGNS.has(chars[k] as string) || '\t\r\n'.includes(chars[k] as string));
          if (dangerous) expect(read).toBe(`'${original}`);
          else expect([original, `'${original}`]).toContain(read);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('neutralises a formula in the header too (fields can come from a caller)', () => {
    expect(neutraliseCell('=x')).toBe("'=x");
    expect(parseBack(writeCsv(['=x', 'b'], [['1', '2']]), 2)[0]).toEqual(["'=x", 'b']);
  });
});
