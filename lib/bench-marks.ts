// Points on a page's timeline that `npm run bench` reads (bench/harness.ts: the filter alone;
// bench/browser.ts: the CSV alone; bench/popup-open.ts: the popup's phases of opening).
// One list of names, so a renamed mark breaks the type check, not silently the bench.
export type BenchMark =
  | 'patrol:filter:start'
  | 'patrol:filter:end'
  | 'patrol:csv:start'
  | 'patrol:csv:end'
  | 'patrol:popup:script'
  | 'patrol:popup:settings'
  | 'patrol:popup:read'
  | 'patrol:popup:indexed';

export function benchMark(name: BenchMark): void {
  // performance.mark is missing in some test environments.
  globalThis.performance?.mark?.(name);
}
