// @vitest-environment node
// A list page parsed element by element (lib/github/json-array.ts) gives exactly what
// JSON.parse gives, whatever the text inside holds, and refuses what is not a whole array.
import { describe, expect, it } from 'vitest';
import { parseJsonArray, readJsonArray } from '../../lib/github/json-array';

const bytes = (text: string) => new TextEncoder().encode(text);

function streamOf(data: Uint8Array, size: number): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < data.length; at += size) controller.enqueue(data.slice(at, at + size));
      controller.close();
    },
  });
}

const hostile = [
  { id: 1, token_name: 'a,b]}{["', owner: { login: 'x\\"y' } },
  { id: 2, token_name: 'dep\u200Bloy – ﬁ 🙂 ]', permissions: { repository: { contents: 'write' } } },
  [1, [2, [3, '],']]],
  'plain "string" with \\ and \n',
  3.5e-7,
  null,
  true,
  { nested: { deep: [{}, [], { a: [{ b: '}' }] }] } },
];

describe('parseJsonArray', () => {
  it('equals JSON.parse on hostile text, in any spacing', () => {
    for (const text of [
      JSON.stringify(hostile),
      JSON.stringify(hostile, null, 2),
      ` \n${JSON.stringify(hostile)}\t`,
    ])
      expect(parseJsonArray(bytes(text))).toEqual(JSON.parse(text));
    expect(parseJsonArray(bytes('[]'))).toEqual([]);
    expect(parseJsonArray(bytes(' [ ] '))).toEqual([]);
    expect(parseJsonArray(bytes('[[]]'))).toEqual([[]]);
    expect(parseJsonArray(bytes('\uFEFF[1]'))).toEqual([1]);
  });

  it('refuses what is not one whole array', () => {
    for (const text of ['[1,]', '[,1]', '[1', '[1] x', '[1]]', '{"message":"no"}', '"[1]"', ''])
      expect(() => parseJsonArray(bytes(text)), text).toThrow();
  });
});

describe('readJsonArray', () => {
  it('reads a body stream in any chunking, multi-byte characters split across chunks', async () => {
    const data = bytes(JSON.stringify(hostile));
    for (const size of [1, 3, 7, 64, data.length])
      expect(await readJsonArray(streamOf(data, size))).toEqual(hostile);
    expect(await readJsonArray(null)).toEqual([]);
    expect(await readJsonArray([{ id: 1 }])).toEqual([{ id: 1 }]);
    await expect(readJsonArray({ id: 1 })).rejects.toThrow(/other than a list/);
  });
});
