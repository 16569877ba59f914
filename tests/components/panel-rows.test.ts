// The table's rows as positions in a list (components/panel/rows.ts): each row read on demand,
// the same answers an array of them would give.
import { describe, expect, it } from 'vitest';
import { NO_ROWS, rowsAt } from '../../components/panel/rows';
import { makeToken } from '../lib/token-factory';

const list = Object.freeze(
  Array.from({ length: 6 }, (_, i) => makeToken({ grantId: i + 1, tokenName: `t${i}` })),
);

describe('rows at positions', () => {
  it('reads the entries at the positions, in their order, and nothing past the end', () => {
    const rows = rowsAt(list, Int32Array.from([4, 0, 2]));
    expect(rows.length).toBe(3);
    expect([0, 1, 2].map((i) => rows.at(i)?.grantId)).toEqual([5, 1, 3]);
    expect(rows.at(3)).toBeUndefined();
    expect(rows.at(-1)).toBeUndefined();
    expect(rows.all().map((t) => t.grantId)).toEqual([5, 1, 3]);
    expect(rows.findIndex((t) => t.grantId === 3)).toBe(2);
    expect(rows.findIndex((t) => t.grantId === 2)).toBe(-1);
    expect(rows.some((t) => t.grantId === 1)).toBe(true);
    expect(rows.some((t) => t.grantId === 6)).toBe(false);
  });

  it('is the whole list without positions, and all() is a copy', () => {
    const rows = rowsAt(list, null);
    expect(rows.length).toBe(6);
    expect(rows.at(5)).toBe(list[5]);
    expect(rows.at(6)).toBeUndefined();
    const all = rows.all();
    expect(all).toEqual([...list]);
    expect(all).not.toBe(list);
  });

  it('has no rows when empty', () => {
    expect(NO_ROWS.length).toBe(0);
    expect(NO_ROWS.at(0)).toBeUndefined();
    expect(NO_ROWS.some(() => true)).toBe(false);
    expect(NO_ROWS.all()).toEqual([]);
  });
});
