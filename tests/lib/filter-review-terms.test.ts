// is:new, is:changed and is:gone outside the Active tokens panel (lib/filter/review-terms.ts):
// an error that says where they work, in the popup's search, the requests panel and the CLI,
// never a filter that silently matches nothing.
import { describe, expect, it } from 'vitest';
import { checkQuery } from '../../lib/cli/query';
import { parseQuery } from '../../lib/filter/parse';
import { usesReview, withoutReview } from '../../lib/filter/review-terms';
import { splitQuery } from '../../lib/popup-search';

describe('review terms outside the panel', () => {
  it('adds one error per review term, at its place, and leaves other queries alone', () => {
    const parsed = withoutReview(parseQuery('deploy is:new -is:gone is:expired'));
    expect(parsed.errors.map((e) => [e.message.split('.')[0], e.start, e.end])).toEqual([
      ['is:new needs a review baseline', 7, 13],
      ['is:gone needs a review baseline', 14, 22],
    ]);
    expect(withoutReview(parseQuery('is:expired deploy')).errors).toEqual([]);
    expect(usesReview(parseQuery('is:changed'))).toBe(true);
    expect(usesReview(parseQuery('is:active'))).toBe(false);
  });

  it('is an error in the popup search and a usage error on the command line', () => {
    expect(splitQuery('is:changed').filter.errors[0]?.message).toMatch(/Active tokens panel/);
    expect(() => checkQuery('risk:high is:new', '--query')).toThrow(
      /--query "risk:high is:new": is:new needs a review baseline\. The command line keeps no review baseline/,
    );
  });
});
