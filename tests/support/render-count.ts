// Counts how often components actually render (their function or render() runs), through
// Preact's render hook: `options.__r`, the mangled `_render` that preact/hooks itself uses.
// A memoised component that bails out (shouldComponentUpdate false) is not counted.
import { options } from 'preact';

type Hooked = typeof options & { __r?: (vnode: { type: unknown }) => void };

export function countRenders(...types: unknown[]): {
  count: (type: unknown) => number;
  stop: () => void;
} {
  const hooked = options as Hooked;
  const previous = hooked.__r;
  const counts = new Map<unknown, number>();
  hooked.__r = (vnode) => {
    if (types.includes(vnode.type)) counts.set(vnode.type, (counts.get(vnode.type) ?? 0) + 1);
    previous?.(vnode);
  };
  return {
    count: (type) => counts.get(type) ?? 0,
    stop: () => {
      hooked.__r = previous;
    },
  };
}
