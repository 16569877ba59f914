// A tiny binding of zustand's vanilla stores to Preact hooks. zustand's React entry would
// need `react` aliased to preact/compat in every bundle; this keeps the content script small.
import { useEffect, useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

/**
 * The selected slice of a store's state; re-renders only when the slice changes (Object.is).
 * Select primitives or references the store replaces on change, never freshly built objects.
 */
export function useStore<S, T>(store: StoreApi<S>, selector: (state: S) => T): T {
  const [, force] = useReducer((n: number) => n + 1, 0);
  const selected = selector(store.getState());
  // Refs, not closures: the subscription outlives renders but must see the latest ones.
  const latest = useRef({ selector, selected });
  useLayoutEffect(() => {
    latest.current = { selector, selected };
  });
  useEffect(() => {
    const check = () => {
      const next = latest.current.selector(store.getState());
      if (!Object.is(next, latest.current.selected)) force(0);
    };
    const unsubscribe = store.subscribe(check);
    // The state may have changed between render and subscription.
    check();
    return unsubscribe;
  }, [store]);
  return selected;
}
