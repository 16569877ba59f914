// The attack of issue 11, as one self-contained function: the e2e test runs it in the page's
// main world (page.evaluate) and, stringified, in a hostile extension's content script. It
// does what a script on github.com would do to revoke an org's tokens through PATrol's panel
// and to read the panel's inventory. It must not close over anything (it is serialised).

export interface AttackInput {
  /** The Active tokens page of the org under attack. */
  victimUrl: string;
  victimOrg: string;
  /** PATrol's extension id (public: it is the store's). */
  patrolId: string;
  /** Grant ids the attacker may have learnt elsewhere. */
  grantIds: number[];
  /** How long to keep trying. */
  durationMs: number;
}

export interface AttackReport {
  world: string;
  /** PATrol host elements seen in the page. */
  hosts: number;
  /** Shadow roots read: open ones, and closed ones opened with chrome.dom (extensions only). */
  openRoots: number;
  closedRootsOpened: number;
  iframes: number;
  /** Same-origin documents of frames that could be read. */
  frameDocuments: number;
  /** Controls found by their names, and what was done with them. */
  actions: string[];
  posted: number;
  /** Everything that came back: messages to this window, replies on ports, runtime replies. */
  received: string[];
  runtime: string[];
  /** All text the attacker could read: DOM, attributes, frame URLs, resource timing. */
  text: string;
}

export async function attack(input: AttackInput): Promise<AttackReport> {
  const g = globalThis as unknown as {
    chrome?: {
      dom?: { openOrClosedShadowRoot?: (el: Element) => ShadowRoot | null };
      runtime?: {
        sendMessage?: (...args: unknown[]) => Promise<unknown>;
        connect?: (...args: unknown[]) => {
          onMessage: { addListener(f: (m: unknown) => void): void };
          postMessage(m: unknown): void;
        };
      };
    };
  };
  const openOrClosed = g.chrome?.dom?.openOrClosedShadowRoot;
  const report: AttackReport = {
    world: openOrClosed ? 'extension content script' : 'page main world',
    hosts: 0,
    openRoots: 0,
    closedRootsOpened: 0,
    iframes: 0,
    frameDocuments: 0,
    actions: [],
    posted: 0,
    received: [],
    runtime: [],
    text: '',
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const show = (value: unknown): string => {
    try {
      return typeof value === 'string' ? value : JSON.stringify(value);
    } catch {
      return String(value);
    }
  };
  const listen = (port: MessagePort) => {
    port.onmessage = (event) => report.received.push(show(event.data));
  };
  // Anything PATrol posts to the page's window, and any port it hands out, is the attacker's.
  window.addEventListener(
    'message',
    (event) => {
      report.received.push(show(event.data));
      for (const port of event.ports) listen(port);
    },
    true,
  );

  /** Every document and shadow root reachable from here. */
  function roots(): (Document | ShadowRoot)[] {
    const found: (Document | ShadowRoot)[] = [document];
    const seen = new Set<Node>();
    for (let i = 0; i < found.length; i++) {
      const root = found[i] as Document | ShadowRoot;
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot && !seen.has(el.shadowRoot)) {
          seen.add(el.shadowRoot);
          found.push(el.shadowRoot);
        } else if (!el.shadowRoot && openOrClosed) {
          const closed = openOrClosed(el);
          if (closed && !seen.has(closed)) {
            seen.add(closed);
            found.push(closed);
          }
        }
        if (el instanceof HTMLIFrameElement) {
          try {
            const doc = el.contentDocument;
            if (doc && !seen.has(doc)) {
              seen.add(doc);
              found.push(doc);
            }
          } catch {
            // cross-origin
          }
        }
      }
    }
    return found;
  }

  function survey(): { all: Element[]; frames: HTMLIFrameElement[] } {
    const list = roots();
    report.openRoots = list.filter((r) => r instanceof ShadowRoot && r.mode === 'open').length;
    report.closedRootsOpened = list.filter((r) => r instanceof ShadowRoot && r.mode === 'closed').length;
    report.frameDocuments = list.filter((r) => r instanceof Document && r !== document).length;
    const all = list.flatMap((r) => [...r.querySelectorAll('*')]);
    const frames = all.filter((el): el is HTMLIFrameElement => el instanceof HTMLIFrameElement);
    report.iframes = frames.length;
    report.hosts = document.querySelectorAll('patrol-panel').length;
    return { all, frames };
  }

  const nameOf = (el: Element): string =>
    (
      el.getAttribute('aria-label') ??
      (el.id
        ? (el.getRootNode() as Document | ShadowRoot).querySelector(`label[for="${CSS.escape(el.id)}"]`)
            ?.textContent
        : null) ??
      el.closest('label')?.textContent ??
      el.textContent ??
      ''
    ).trim();

  function drive(all: Element[]): void {
    for (const el of all) {
      const name = nameOf(el);
      if (el instanceof HTMLInputElement && el.type === 'checkbox' && /Select all matching/.test(name)) {
        if (!el.checked) el.click();
        report.actions.push('clicked Select all matching');
      } else if (el instanceof HTMLButtonElement && /^Revoke selected$/.test(name)) {
        el.click();
        report.actions.push('clicked Revoke selected');
      } else if (el instanceof HTMLInputElement && /Organization name/.test(name)) {
        el.value = input.victimOrg;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        report.actions.push('typed the org name');
      } else if (el instanceof HTMLButtonElement && /^Revoke \d+ tokens?$/.test(name)) {
        el.disabled = false;
        el.click();
        el.form?.requestSubmit();
        report.actions.push(`clicked ${name}`);
      }
    }
  }

  const payloads: unknown[] = [
    { kind: 'hash', query: '' },
    { kind: 'focus' },
    { kind: 'query', query: 'is:active' },
    { kind: 'height', height: 1 },
    { kind: 'theme', theme: { mode: 'dark', light: 'light', dark: 'dark' } },
    { kind: 'confirm' },
    { type: 'revoke', org: input.victimOrg, grantIds: input.grantIds },
    { patrol: 1, type: 'revoke.start', input: { org: input.victimOrg, grantIds: input.grantIds } },
    { patrol: 1, type: 'grants.load', input: { org: input.victimOrg, refresh: false } },
  ];

  /** postMessage to every window within reach, with a port of ours on a fake hello. */
  function post(frames: HTMLIFrameElement[]): void {
    const targets: Window[] = [window];
    for (let i = 0; i < window.length; i++) targets.push(window[i] as Window);
    for (const frame of frames) if (frame.contentWindow) targets.push(frame.contentWindow);
    for (const target of targets) {
      const channel = new MessageChannel();
      listen(channel.port1);
      try {
        target.postMessage({ patrol: 'patrol-panel-link' }, '*', [channel.port2]);
        report.posted++;
        for (const payload of payloads) {
          target.postMessage(payload, '*');
          channel.port1.postMessage(payload);
          report.posted += 2;
        }
      } catch (error) {
        report.received.push(`postMessage failed: ${(error as Error).message}`);
      }
    }
  }

  async function viaRuntime(): Promise<void> {
    const runtime = g.chrome?.runtime;
    if (!runtime?.sendMessage) {
      report.runtime.push('chrome.runtime.sendMessage is not available here');
      return;
    }
    for (const payload of payloads) {
      try {
        report.runtime.push(show(await runtime.sendMessage(input.patrolId, payload)));
      } catch (error) {
        report.runtime.push(`refused: ${(error as Error).message}`);
      }
    }
    try {
      const port = runtime.connect?.(input.patrolId, { name: 'patrol' });
      port?.onMessage.addListener((m) => report.runtime.push(show(m)));
      port?.postMessage(payloads[7]);
    } catch (error) {
      report.runtime.push(`connect refused: ${(error as Error).message}`);
    }
  }

  // Soft navigation to the victim's page: the panel mounts for that org without a page load.
  if (location.pathname !== new URL(input.victimUrl).pathname) history.pushState({}, '', input.victimUrl);
  await viaRuntime();
  const deadline = Date.now() + input.durationMs;
  while (Date.now() < deadline) {
    const { all, frames } = survey();
    drive(all);
    post(frames);
    // The filter lives in the URL: try to widen it to everything, then to a guess.
    location.hash = `patrol=${encodeURIComponent(report.posted % 2 ? '' : 'is:active')}`;
    await sleep(400);
  }

  const { all, frames } = survey();
  const attributes = all.flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`));
  report.text = [
    ...roots().map((r) => (r instanceof Document ? r.documentElement.textContent : r.textContent) ?? ''),
    ...attributes,
    ...frames.map((f) => f.src),
    ...performance.getEntries().map((e) => e.name),
    document.cookie,
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
  ].join('\n');
  return report;
}
