// The in-page probe, installed with page.addInitScript. It only observes: the DOM, input
// events, and the performance timeline. The panel is an extension page (panel.html) in an
// iframe inside a CLOSED shadow root, out of process: the probe runs twice per GitHub tab.
//   - In GitHub's top frame (host `patrol-panel`): it only notes when the content script
//     added the host element (hostSeen); a closed shadow root cannot be observed.
//   - In the panel frame (host null): the whole document is observed, and the frame's own
//     timeline holds PATrol's `patrol:filter:*` and `patrol:csv:*` marks.
// PANEL_FRAME_GUARD picks which of the two to install in each frame.
//
// Per keystroke in the observed root it records:
//   t0       the keydown's event.timeStamp (the input event's, when no keydown came first)
//   tDom     the later of: every input listener done (a bubble listener on the root runs
//            after PATrol's handler and after the microtask checkpoint in which Preact
//            renders) and the last DOM mutation (nodes or text) before the next frame
//   tStatus  the first change of the status text, when it changed
//   tPaint   requestAnimationFrame, then a MessageChannel task: runs once that frame painted
//   filterMs patrol:filter:end − patrol:filter:start inside this keystroke (panel only)

export interface ProbeOptions {
  /** Custom element that holds the UI; null = the document itself. With a closed shadow
   * root, only the time the element appeared is recorded (hostSeen). */
  host: string | null;
  /** Status text that means "loaded", e.g. `1,000 of 1,000 tokens`. */
  loadedText: string | null;
  /** Elements counted as rows after each keystroke. */
  rowSelector: string;
}

export interface KeySample {
  t0: number;
  /** The keydown listener ran (null when no keydown came first). */
  tKeydown: number | null;
  /** A capture input listener on the root ran: before PATrol's own input handler. */
  tInput: number;
  tHandled: number;
  tLastMutation: number | null;
  tStatus: number | null;
  tRaf: number;
  tPaint: number;
  filterMs: number | null;
  /** Time in history.replaceState during this keystroke (the panel writes the query to the
   * URL hash); null unless instrumented with REPLACE_STATE_PROBE. */
  replaceStateMs: number | null;
  rows: number;
  status: string;
  value: string;
}

export interface ProbeState {
  /** performance.timeOrigin: epoch ms, to compare times across frames and processes. */
  timeOrigin: number;
  hostSeen: number | null;
  loadDone: number | null;
  samples: KeySample[];
}

export interface Probe {
  state: ProbeState;
  /** Resolves once `count` samples exist, or with false after `timeoutMs`. */
  waitSamples(count: number, timeoutMs: number): Promise<boolean>;
  take(): KeySample[];
  rows(): number;
}

export interface ProbeWindow {
  __patrolBench: Probe;
}

/** Self-contained: Playwright serialises this function into the page. */
export function installProbe(options: ProbeOptions): void {
  const now = () => performance.now();
  const state: ProbeState = {
    timeOrigin: performance.timeOrigin,
    hostSeen: null,
    loadDone: null,
    samples: [],
  };
  interface Pending {
    t0: number;
    tKeydown: number | null;
    tInput: number | null;
    statusBefore: string;
    /** The status elements when the key went down: re-read on mutations, not re-queried. */
    statusEls: Element[];
    tHandled: number | null;
    tLastMutation: number | null;
    tStatus: number | null;
    tRaf: number | null;
  }
  let pending: Pending | null = null;
  let root: Document | ShadowRoot | null = null;
  const waiters: (() => void)[] = [];

  const statusOf = (r: ParentNode): string =>
    Array.from(r.querySelectorAll('[role=status]'))
      .map((el) => (el.textContent ?? '').trim())
      .join(' | ');
  const rowCount = (): number => (root ? root.querySelectorAll(options.rowSelector).length : 0);

  function lastMark(name: string, from: number, to: number): number | null {
    const marks = performance.getEntriesByName(name, 'mark');
    for (let i = marks.length - 1; i >= 0; i--) {
      const t = (marks[i] as PerformanceEntry).startTime;
      if (t >= from && t <= to) return t;
      if (t < from) break;
    }
    return null;
  }

  function begin(t0: number, keydown: boolean): Pending {
    pending = {
      t0,
      tKeydown: keydown ? now() : null,
      tInput: null,
      statusBefore: root ? statusOf(root) : '',
      statusEls: root ? Array.from(root.querySelectorAll('[role=status]')) : [],
      tHandled: null,
      tLastMutation: null,
      tStatus: null,
      tRaf: null,
    };
    return pending;
  }

  function inputSeen(event: Event): void {
    const p = pending && pending.tInput === null ? pending : begin(event.timeStamp, false);
    p.tInput = now();
  }

  function handled(event: Event): void {
    const p = pending && pending.tHandled === null ? pending : begin(event.timeStamp, false);
    p.tHandled = now();
    const value = (event.target as HTMLInputElement | null)?.value ?? '';
    requestAnimationFrame(() => {
      p.tRaf = now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        const tPaint = now();
        const tHandled = p.tHandled as number;
        const start = lastMark('patrol:filter:start', p.t0, tHandled);
        const end = lastMark('patrol:filter:end', p.t0, tHandled);
        let replaceStateMs: number | null = null;
        for (const entry of performance.getEntriesByName('patrol-bench:replaceState', 'measure')) {
          if (entry.startTime >= p.t0 && entry.startTime <= tHandled)
            replaceStateMs = (replaceStateMs ?? 0) + entry.duration;
        }
        state.samples.push({
          t0: p.t0,
          tKeydown: p.tKeydown,
          tInput: p.tInput ?? tHandled,
          tHandled,
          tLastMutation: p.tLastMutation,
          tStatus: p.tStatus,
          tRaf: p.tRaf as number,
          tPaint,
          filterMs: start !== null && end !== null && end >= start ? end - start : null,
          replaceStateMs,
          rows: rowCount(),
          status: root ? statusOf(root) : '',
          value,
        });
        if (pending === p) pending = null;
        for (const wake of waiters.splice(0)) wake();
      };
      channel.port2.postMessage(null);
    });
  }

  function attach(r: Document | ShadowRoot): void {
    root = r;
    const observer = new MutationObserver(() => {
      const t = now();
      if (
        state.loadDone === null &&
        options.loadedText !== null &&
        statusOf(r).includes(options.loadedText)
      ) {
        state.loadDone = t;
      }
      const p = pending;
      if (p && p.tRaf === null) {
        p.tLastMutation = t;
        if (p.tStatus === null) {
          const text = p.statusEls
            .map((el) => (el.isConnected ? (el.textContent ?? '').trim() : ''))
            .join(' | ');
          if (text !== p.statusBefore) p.tStatus = t;
        }
      }
    });
    // Not attributes: each attribute set is a MutationRecord in the measured page (hundreds a
    // keystroke as 24 rows show other tokens), and their garbage cost the panel about 3 ms of
    // its p95 at 50,000 tokens. They never moved tDom: observing them, no keystroke's last
    // mutation came after its input listeners (2026-12-02, 328 of 328). A late change that
    // matters (rows drawn in idle time, the status text) adds nodes or text, seen here.
    observer.observe(r, { childList: true, subtree: true, characterData: true });
    r.addEventListener('keydown', (event) => void begin(event.timeStamp, true), true);
    r.addEventListener('input', inputSeen, true);
    r.addEventListener('input', handled);
  }

  if (options.host === null) {
    attach(document);
  } else {
    const tag = options.host;
    const look = new MutationObserver(() => {
      const host = document.querySelector(tag);
      if (!host) return;
      look.disconnect();
      state.hostSeen = now();
      // A closed shadow root (the panel frame's host) is out of reach: the time is all.
      if (host.shadowRoot) attach(host.shadowRoot);
    });
    look.observe(document, { childList: true, subtree: true });
  }

  const probe: Probe = {
    state,
    waitSamples(count, timeoutMs) {
      return new Promise((resolve) => {
        if (state.samples.length >= count) return resolve(true);
        const timer = setTimeout(() => resolve(false), timeoutMs);
        const check = () => {
          if (state.samples.length >= count) {
            clearTimeout(timer);
            resolve(true);
          } else waiters.push(check);
        };
        waiters.push(check);
      });
    },
    take() {
      return state.samples.splice(0);
    },
    rows: rowCount,
  };
  (window as unknown as ProbeWindow).__patrolBench = probe;
}

/**
 * The probe as an init-script source. tsx (esbuild, keepNames) wraps inner functions in
 * `__name(fn, "name")`, a helper that does not exist in the page, so the serialised function
 * gets a local stand-in.
 */
export function probeScript(options: ProbeOptions): string {
  return `(() => { const __name = (fn) => fn; (${installProbe.toString()})(${JSON.stringify(options)}); })();`;
}

/**
 * One init script for a GitHub tab and its frames: `inFrame` in PATrol's panel frame (an
 * extension page whose path is /panel.html), `inPage` in the top frame, nothing elsewhere.
 */
export function panelProbeScript(inPage: ProbeOptions, inFrame: ProbeOptions): string {
  return `(() => {
  const isPanel = location.protocol === 'chrome-extension:' && location.pathname.endsWith('/panel.html');
  if (isPanel) { ${probeScript(inFrame)} }
  else if (window === window.top) { ${probeScript(inPage)} }
})();`;
}

/** The panel frame's probe, evaluated once the frame is there (when the init script did not
 * reach it): it then misses the load, but still times keystrokes. */
export function probeIfMissing(options: ProbeOptions): string {
  return `(() => { if (!window.__patrolBench) ${probeScript(options)} return true; })()`;
}

/**
 * Evaluated in the content script's isolated world of GitHub's page (each world has its own
 * History prototype): times every history.replaceState call as a performance measure, which
 * the main world sees on the shared timeline. The panel frame sends each query to the
 * content script, which writes it to the URL hash: these measures are on the page's timeline,
 * not the frame's, and the bench assigns them to keystrokes by time (browser.ts).
 * Observation only; the call itself is unchanged.
 */
export const REPLACE_STATE_PROBE = `(() => {
  const original = History.prototype.replaceState;
  History.prototype.replaceState = function (...args) {
    const start = performance.now();
    try { return original.apply(this, args); }
    finally { performance.measure('patrol-bench:replaceState', { start }); }
  };
  return 'ok';
})()`;
