import { describe, expect, it } from 'vitest';
import { invisibleCharacters } from '../../lib/text';

describe('invisibleCharacters', () => {
  it.each([
    ['plain ASCII', 'deploy-bot', []],
    ['emoji and accents', 'déploiement 🚀', []],
    ['a zero-width joiner and space', 'a\u200Db\u200Bc', ['U+200D', 'U+200B']],
    ['bidi override and isolates', '\u202Eabc\u2066d\u2069', ['U+202E', 'U+2066', 'U+2069']],
    ['a soft hyphen and BOM, repeated', '\u00ADx\u00AD\uFEFF', ['U+00AD', 'U+FEFF']],
  ])('finds the hidden characters in %s', (_name, text, expected) => {
    expect(invisibleCharacters(text)).toEqual(expected);
  });
});
