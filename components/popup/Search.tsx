// The quick search: a search textbox (the contract's role) driving a listbox of results. Focus stays in the
// input; ArrowUp/ArrowDown move aria-activedescendant, Enter opens the active token.
import { useEffect, useRef } from 'preact/hooks';
import { formatCount } from '../../lib/plural';
import type { SearchOutcome } from '../../lib/popup-search';
import { useStore } from '../use-store';
import { optionId, ResultOption } from './ResultOption';
import type { PopupController } from './store';
import { useDrawn } from './use-drawn';

const LISTBOX_ID = 'popup-results';

/** Counts with the locale's separators: "Search 50,000 tokens". */
const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

function statusText(query: string, result: SearchOutcome, tokenCount: number, orgCount: number): string {
  if (query.trim() === '') {
    // With nothing cached the "nothing loaded" explanation speaks instead.
    if (tokenCount === 0) return '';
    return `Search ${plural(tokenCount, 'token', 'tokens')} across ${plural(orgCount, 'organization', 'organizations')}.`;
  }
  if (result.errors.length > 0) return 'Fix the query to see results.';
  if (result.total === 0) return 'No tokens match. Check the spelling, or remove a qualifier.';
  return `${plural(result.total, 'matching token', 'matching tokens')}`;
}

export function Search({ controller }: { controller: PopupController }) {
  const { store } = controller;
  const query = useStore(store, (s) => s.query);
  const result = useStore(store, (s) => s.result);
  const active = useStore(store, (s) => s.active);
  const tokenCount = useStore(store, (s) => s.tokenCount);
  const orgCount = useStore(store, (s) => s.orgs.length);
  const input = useRef<HTMLInputElement>(null);
  const now = controller.now();

  // `autofocus` alone is unreliable in extension popups, which render before they show.
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      controller.move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      controller.open();
    }
  };

  const { hits, total, errors } = result;
  const more = total - hits.length;
  const drawn = useDrawn(hits, active);
  return (
    <div class="search">
      <input
        ref={input}
        type="text"
        aria-label="Search tokens"
        aria-autocomplete="list"
        aria-controls={LISTBOX_ID}
        aria-activedescendant={active >= 0 && hits.length > 0 ? optionId(active) : undefined}
        aria-describedby="popup-search-status"
        placeholder="Token, owner or org; owner:, perm:, expires:…"
        autocomplete="off"
        spellcheck={false}
        value={query}
        onInput={(event) => controller.setQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {errors.map((error) => (
        <p class="error" role="alert" key={`${error.start}-${error.message}`}>
          {error.message}
        </p>
      ))}
      <p id="popup-search-status" class="help" role="status">
        {statusText(query, result, tokenCount, orgCount)}
      </p>
      {/* Arrows and Enter work from the list too (after a click into it), not only from the box. */}
      <div
        id={LISTBOX_ID}
        role="listbox"
        aria-label="Tokens"
        class="results"
        hidden={hits.length === 0}
        onKeyDown={onKeyDown}
      >
        {hits.slice(0, drawn).map((hit, i) => (
          <ResultOption
            key={i}
            hit={hit}
            index={i}
            active={i === active}
            now={now}
            onOpen={controller.open}
            onHover={controller.select}
          />
        ))}
      </div>
      {more > 0 && <p class="help">{more} more — refine your search</p>}
    </div>
  );
}
