// Parses the filter box (see PRODUCT.md "Filter language") into typed terms and errors.
// Any error means the query matches nothing, so messages say exactly what to write.
import { errorSpan, parseChunk } from './chunk';
import { lexQuery } from './lex';
import type { ParsedQuery, QueryError, Term } from './types';

export { suggestQualifier } from './chunk';
export {
  formatTerm,
  hasTerm,
  qualifierValues,
  queryToString,
  setQualifier,
  termToString,
  toggleTerm,
} from './edit';
export type * from './types';
export { QUALIFIERS } from './types';

export function parseQuery(input: string): ParsedQuery {
  const terms: Term[] = [];
  const errors: QueryError[] = [];
  for (const chunk of lexQuery(input)) {
    const parsed = parseChunk(chunk);
    if ('term' in parsed) {
      terms.push(parsed.term);
    } else {
      const [start, end] = errorSpan(chunk, parsed.at, input.length);
      errors.push({ message: parsed.error, start, end });
    }
  }
  return { terms, errors };
}
