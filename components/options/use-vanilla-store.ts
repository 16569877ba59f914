import { useEffect, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

/** Subscribes a Preact component to a vanilla zustand store. */
export function useVanillaStore<S>(store: StoreApi<S>): S {
  const [state, setState] = useState(store.getState());
  useEffect(() => store.subscribe(setState), [store]);
  return state;
}
