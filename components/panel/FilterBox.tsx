// The filter box: the one source of truth for the filter (facets write into it). `/`
// focuses it from anywhere on the page, Esc clears it, and parse errors show beneath it.
import { useId, useMemo, useRef } from 'preact/hooks';
import { permissionHints } from '../../lib/filter/permission-names';
import { useSlashFocus } from '../use-slash-focus';
import { useStore } from '../use-store';
import type { PanelStore } from './store';

export function FilterBox({ store }: { store: PanelStore }) {
  const query = useStore(store, (s) => s.query);
  const errors = useStore(store, (s) => s.parsed.errors);
  const parsed = useStore(store, (s) => s.parsed);
  // Against GitHub's documented names only, never the tokens': a hint that came and went with
  // what the tokens hold would tell the page (which can set the hash) about them.
  const hints = useMemo(() => permissionHints(parsed), [parsed]);
  const input = useRef<HTMLInputElement>(null);
  const errorsId = useId();
  const hintsId = useId();
  const describedBy = [errors.length > 0 ? errorsId : '', hints.length > 0 ? hintsId : '']
    .filter(Boolean)
    .join(' ');

  useSlashFocus(input);

  return (
    <div class="patrol-filter">
      <input
        ref={input}
        type="text"
        class="patrol-input"
        data-focus="filter"
        aria-label="Filter tokens"
        placeholder="Filter tokens (press /)  e.g. owner:octocat perm:contents:write used:>90d"
        spellcheck={false}
        autocomplete="off"
        value={query}
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy || undefined}
        onInput={(event) => store.getState().setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && event.currentTarget.value !== '') {
            event.preventDefault();
            store.getState().setQuery('');
          }
        }}
      />
      {errors.length > 0 && (
        <ul id={errorsId} class="patrol-errors">
          {errors.map((e) => (
            <li key={`${e.start}-${e.message}`}>{e.message}</li>
          ))}
        </ul>
      )}
      {hints.length > 0 && (
        <ul id={hintsId} class="patrol-hints">
          {hints.map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
