import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { distance } from '../../lib/filter/chunk';
import { parseQuery } from '../../lib/filter/parse';
import { PERMISSION_NAMES, permissionHints, suggestPermission } from '../../lib/filter/permission-names';

const require = createRequire(import.meta.url);

describe('permission names', () => {
  it("include every permission of GitHub's OpenAPI description", () => {
    const spec = require('@octokit/openapi/generated/api.github.com.json') as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const documented = Object.keys(spec.components.schemas['app-permissions']?.properties ?? {});
    expect(documented.length).toBeGreaterThan(40);
    expect(documented.filter((name) => !PERMISSION_NAMES.includes(name))).toEqual([]);
  });

  it.each([
    ['contnts', 'contents'],
    ['pull_request', 'pull_requests'],
    ['secret', 'secrets'],
    ['orgnization_administration', 'organization_administration'],
    ['xyz', null],
  ])('suggests for %s: %s', (typed, expected) => {
    expect(suggestPermission(typed)).toBe(expected);
  });

  it('warns only about names GitHub does not document', () => {
    const q = parseQuery('perm:contents perm:contnts:write -perm:nope');
    expect(permissionHints(q)).toEqual([
      'GitHub documents no permission called "contnts". Did you mean "contents"?',
      'GitHub documents no permission called "nope". The Permission menu lists the names these tokens have.',
    ]);
  });
});

describe('comma lists', () => {
  it.each([
    [
      'owner:a,b',
      'Commas do not separate values: write owner:a owner:b (repeated owner: terms match any of them)',
    ],
    [
      'perm:contents,issues',
      'Commas do not separate values: write perm:contents perm:issues (all terms must match)',
    ],
  ])('%s is an error that shows the right way', (query, message) => {
    expect(parseQuery(query).errors.map((e) => e.message)).toEqual([message]);
  });

  it('leaves token names and quoted values alone', () => {
    expect(parseQuery('name:a,b').errors).toEqual([]);
    expect(parseQuery('owner:"a,b"').errors).toEqual([]);
  });
});

describe('the edit distance behind the suggestions', () => {
  it('counts insertions, deletions and substitutions, whichever string is longer', () => {
    expect(distance('', '')).toBe(0);
    expect(distance('contents', 'contents')).toBe(0);
    expect(distance('contnts', 'contents')).toBe(1);
    expect(distance('contents', 'contnts')).toBe(1);
    expect(distance('kitten', 'sitting')).toBe(3);
    expect(distance('', 'pages')).toBe(5);
    expect(distance('pages', '')).toBe(5);
    // A long name after short ones: the reused row grows, and short ones still come out right.
    const long = 'organization_personal_access_token_requests'.repeat(2);
    expect(distance(long, `${long}x`)).toBe(1);
    expect(distance('secrets', 'secret')).toBe(1);
  });
});
