// The panel's non-table states: starting, not configured, loading, error and empty.
import { FailedState, LockedState } from '../StateViews';
import { useStore } from '../use-store';
import type { PanelStore } from './store';

export function LoadProgress({ store }: { store: PanelStore }) {
  const progress = useStore(store, (s) => s.progress);
  if (!progress) return null;
  const { loaded, total } = progress;
  return (
    <div class="patrol-progress">
      {/* No value while the total is unknown: an indeterminate bar, not a false 0%. */}
      {total ? (
        <progress aria-label="Loading tokens" max={total} value={Math.min(loaded, total)} />
      ) : (
        <progress aria-label="Loading tokens" />
      )}
      <span>
        Loading tokens… {loaded}
        {total ? ` of ~${total}` : ''}
      </span>
    </div>
  );
}

export function NotConfigured({ onOpenOptions }: { onOpenOptions?: () => void }) {
  return (
    <div class="patrol-state">
      <h2>Connect PATrol to GitHub</h2>
      <p>
        PATrol reads this organization's tokens through a GitHub App that you install on it. Add the App's
        credentials in PATrol's options, then reload this page.
      </p>
      <p>
        {/* A button, not a link: web pages (and so content scripts) may not open extension pages. */}
        {onOpenOptions && (
          <button type="button" class="patrol-button" onClick={onOpenOptions}>
            Open PATrol options
          </button>
        )}{' '}
        You can also open them from the PATrol toolbar icon (right-click, then Options).
      </p>
    </div>
  );
}

export function ErrorState({ store }: { store: PanelStore }) {
  return <FailedState store={store} title="PATrol could not load the tokens" heading="h2" />;
}

export function EmptyState({ org }: { org: string }) {
  return (
    <div class="patrol-state">
      <h2>No active tokens</h2>
      <p>
        No fine-grained personal access token can reach <bdi>{org}</bdi> right now. New ones appear here once
        an owner approves them (or at once, when the organization does not require approval).
      </p>
    </div>
  );
}

export function Locked({ store }: { store: PanelStore }) {
  return <LockedState store={store} />;
}

/** The filter matches nothing: say so, and offer the way back (PRODUCT.md "The panel"). */
export function NoMatch({ store }: { store: PanelStore }) {
  const query = useStore(store, (s) => s.query);
  const hasErrors = useStore(store, (s) => s.parsed.errors.length > 0);
  const checking = useStore(store, (s) => s.task?.purpose === 'filter');
  if (checking)
    return (
      <div class="patrol-state patrol-blankslate">
        <h2>No tokens match yet</h2>
        <p>PATrol is still checking which repositories the tokens can reach (see the status above).</p>
      </div>
    );
  const clear = (event: MouseEvent) => {
    store.getState().setQuery('');
    const root = (event.currentTarget as HTMLElement).closest('.patrol');
    root?.querySelector<HTMLElement>('[data-focus="filter"]')?.focus();
  };
  return (
    <div class="patrol-state patrol-blankslate">
      <h2>No tokens match</h2>
      <p>
        {hasErrors
          ? 'The filter has an error (see under the box), so it matches nothing: '
          : 'Nothing matches '}
        <code class="patrol-text">{query}</code>. Change the filter or clear it to see every token.
      </p>
      <button type="button" class="patrol-button" onClick={clear}>
        Clear filter
      </button>
    </div>
  );
}
