// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { foldWithOffsets, invisibleCharacters, invisibleCharactersLabel, searchFold } from '../../lib/text';

describe('invisibleCharacters', () => {
  it.each([
    ['plain ASCII', 'deploy-bot', []],
    ['emoji and accents', 'déploiement 🚀', []],
    ['full-width letters (visible, folded by searches instead)', 'ｄｅｐｌｏｙ', []],
    ['a zero-width joiner and space', 'a\u200Db\u200Bc', ['U+200D', 'U+200B']],
    ['bidi override and isolates', '\u202Eabc\u2066d\u2069', ['U+202E', 'U+2066', 'U+2069']],
    ['a soft hyphen and BOM, repeated', '\u00ADx\u00AD\uFEFF', ['U+00AD', 'U+FEFF']],
    ['tag characters', 'dep\u{E0064}\u{E0065}loy', ['U+E0064', 'U+E0065']],
    ['Hangul fillers', '\u115Fa\u1160b\u3164c\uFFA0', ['U+115F', 'U+1160', 'U+3164', 'U+FFA0']],
    ['a combining grapheme joiner', 'dep\u034Floy', ['U+034F']],
    ['variation selectors', 'a\uFE0Fb\u{E0100}', ['U+FE0F', 'U+E0100']],
    ['line and paragraph separators', 'a\u2028b\u2029', ['U+2028', 'U+2029']],
    ['an Arabic letter mark and Mongolian vowel separator', 'a\u061Cb\u180E', ['U+061C', 'U+180E']],
    ['controls', 'a\u0000b\u0007\u009B', ['U+0000', 'U+0007', 'U+009B']],
  ])('finds the hidden characters in %s', (_name, text, expected) => {
    expect(invisibleCharacters(text)).toEqual(expected);
  });

  it('says so in one sentence, or nothing', () => {
    expect(invisibleCharactersLabel('ci\u200B')).toBe(
      'Contains invisible or direction-changing characters: U+200B',
    );
    expect(invisibleCharactersLabel('ci')).toBeNull();
  });
});

describe('searchFold', () => {
  it.each([
    ['DEPLOY', 'deploy'],
    ['dep\u200Bloy', 'deploy'],
    ['ｄｅｐｌｏｙ', 'deploy'],
    ['dep\u3164loy', 'deploy'],
    ['dep\u{E0041}loy', 'deploy'],
    ['dep\u2028loy', 'deploy'],
    ['\uFB01x', 'fix'],
    ['cafe\u200B\u0301', 'café'],
    ['Ǆ', 'dž'],
  ])('%j → %j', (text, folded) => {
    expect(searchFold(text)).toBe(folded);
  });
});

describe('foldWithOffsets', () => {
  it('is null when folding changes nothing', () => {
    expect(foldWithOffsets('deploy')).toBeNull();
    expect(foldWithOffsets('déploiement')).toBeNull();
  });

  it('maps each folded character back to the original it came from', () => {
    const text = 'a\u200Bｂ\uFB01c';
    const folded = foldWithOffsets(text);
    expect(folded?.text).toBe('abfic');
    // a, then ｂ (the ZWSP at 1 yields nothing), then the ligature's two letters, then c.
    expect(folded?.start).toEqual([0, 2, 3, 3, 4]);
    expect(folded?.end).toEqual([1, 3, 4, 4, 5]);
  });
});
