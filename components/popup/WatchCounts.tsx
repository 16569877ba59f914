// The popup's counts from the last watch check (lib/worker/watch.ts): per org, each policy and
// "New since review" with its count, each opening the panel with that query. An org that
// failed, or a check that found PATrol locked, says so instead of showing a count.
import { useEffect, useState } from 'preact/hooks';
import { activeTokensUrl } from '../../lib/page-hash';
import { formatCount } from '../../lib/plural';
import type { OrgCheck, WatchState } from '../../lib/watch-state';

export interface WatchCountsDeps {
  readState(): Promise<WatchState>;
  onState(callback: (state: WatchState) => void): () => void;
  openTab(url: string): void;
  webHost(): string;
  /** "Check now": the worker checks every known org (lib/worker/watch.ts). */
  check(): Promise<void>;
}

function OrgCounts({ check, deps }: { check: OrgCheck; deps: WatchCountsDeps }) {
  if (!check.ok) {
    return (
      <li class="watch-org">
        <strong>{check.org}</strong>{' '}
        <span class="error">
          not checked: <bdi>{check.error.message}</bdi>
        </span>
      </li>
    );
  }
  const open = (query: string) => deps.openTab(activeTokensUrl(deps.webHost(), check.org, query));
  const items = [
    ...check.policies.map((p) => ({ label: p.name, query: p.query, count: p.count })),
    { label: 'New since review', query: 'is:new', count: check.newSinceReview },
  ];
  return (
    <li class="watch-org">
      <strong>{check.org}</strong>
      <ul class="watch-counts" aria-label={`Watch counts of ${check.org}`}>
        {items.map((item, index) => (
          <li key={`${index}:${item.label}`}>
            <button type="button" title={item.query} onClick={() => open(item.query)}>
              <bdi>{item.label}</bdi> {formatCount(item.count)}
            </button>
          </li>
        ))}
      </ul>
    </li>
  );
}

export function WatchCounts({ deps }: { deps: WatchCountsDeps }) {
  const [state, setState] = useState<WatchState | null>(null);
  useEffect(() => {
    void deps.readState().then(setState);
    return deps.onState(setState);
  }, [deps]);
  if (!state) return null;
  const checkNow = (
    <button type="button" disabled={Boolean(state.running)} onClick={() => void deps.check()}>
      Check now
    </button>
  );
  return (
    <section class="watch" aria-labelledby="watch-heading">
      <h2 id="watch-heading">Watch</h2>
      {!state.last && !state.locked && !state.running && (
        <p class="help">
          Count each policy and the tokens new since review in every organization: {checkNow}
        </p>
      )}
      {state.running && (
        <p class="help" role="status">
          Checking {state.running.done.length + 1} of {state.running.orgs.length} organizations…
        </p>
      )}
      {state.locked && (
        <p class="error" role="alert">
          The last check found PATrol locked, so no count is current. Unlock it, then press Check now.
        </p>
      )}
      {state.last && !state.locked && (
        <ul class="watch-orgs" aria-label="Watched organizations">
          {state.last.orgs.map((check) => (
            <OrgCounts key={check.org} check={check} deps={deps} />
          ))}
        </ul>
      )}
      {(state.last || state.locked) && <p class="help">{checkNow}</p>}
    </section>
  );
}
