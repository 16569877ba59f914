// GitHub's secondary rate limits beyond points, as an option of the fake (docs "Rate limits for
// the REST API" → "About secondary rate limits"): "No more than 100 concurrent requests" and
// "No more than 90 seconds of CPU time per 60 seconds of real time … roughly estimate the CPU
// time by measuring the total response time". GitHub does not say how it counts either; the
// fake counts per credential (the Authorization header), over a rolling 60 s, the response time
// of requests that ended in the window (the part inside it) plus the elapsed time of those in
// flight.

export interface SecondaryLimitOptions {
  /** Response time allowed per rolling 60 s, in ms (GitHub: 90 s). */
  cpuMsPerMinute?: number;
  /** Requests allowed in flight at once (GitHub: 100). */
  maxConcurrent?: number;
  /** GitHub answers 403 or 429; the fake uses this one (default 429). */
  status?: 403 | 429;
}

export interface Refusal {
  rule: 'cpu' | 'concurrency';
  status: 403 | 429;
  retryAfterSeconds: number;
}

const WINDOW_MS = 60_000;

interface Ended {
  end: number;
  ms: number;
}

export class SecondaryRules {
  /** Per credential: the start times of the requests in flight. */
  private readonly inFlight = new Map<string, Set<{ start: number }>>();
  private readonly ended = new Map<string, Ended[]>();

  constructor(readonly options: Required<SecondaryLimitOptions>) {}

  /** Response time charged to a credential in the 60 s before `now`. */
  cpuMs(key: string, now: number): number {
    const since = now - WINDOW_MS;
    const kept = (this.ended.get(key) ?? []).filter((e) => e.end > since);
    this.ended.set(key, kept);
    let total = 0;
    for (const e of kept) total += Math.min(e.ms, e.end - since);
    for (const r of this.inFlight.get(key) ?? []) total += now - Math.max(r.start, since);
    return total;
  }

  /** Refuses a request that would break a rule; otherwise starts charging it. */
  admit(key: string, now: number): { refusal: Refusal } | { finish: (end: number) => void } {
    const flying = this.inFlight.get(key) ?? new Set<{ start: number }>();
    this.inFlight.set(key, flying);
    const status = this.options.status;
    if (flying.size >= this.options.maxConcurrent) {
      return { refusal: { rule: 'concurrency', status, retryAfterSeconds: 60 } };
    }
    if (this.cpuMs(key, now) >= this.options.cpuMsPerMinute) {
      // Until the oldest charged request leaves the window (at least a second).
      const oldest = Math.min(now, ...(this.ended.get(key) ?? []).map((e) => e.end));
      const wait = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
      return { refusal: { rule: 'cpu', status, retryAfterSeconds: wait } };
    }
    const request = { start: now };
    flying.add(request);
    return {
      finish: (end: number) => {
        flying.delete(request);
        const list = this.ended.get(key) ?? [];
        list.push({ end, ms: Math.max(0, end - request.start) });
        this.ended.set(key, list);
      },
    };
  }
}
