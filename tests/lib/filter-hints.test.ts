import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
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
