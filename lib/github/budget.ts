// What PATrol may send GitHub, by GitHub's documented secondary limits ("Rate limits for the REST
// API"): "No more than 90 seconds of CPU time per 60 seconds of real time … roughly estimate the
// CPU time by measuring the total response time", at most 900 points a minute (a GET is 1, a
// write 5), and low concurrency. PATrol keeps a margin under each: 80 s of response time per
// rolling 60 s (measured by PATrol, so including the network time GitHub's CPU does not spend:
// the real margin is wider), 800 points, 4 in flight. Pure bookkeeping: the caller has the clock.

export interface BudgetLimits {
  maxInFlight: number;
  /** Total response time allowed in any 60 s, in ms. */
  responseMsPerWindow: number;
  pointsPerWindow: number;
  windowMs: number;
}

export const GITHUB_LIMITS: BudgetLimits = {
  maxInFlight: 4,
  responseMsPerWindow: 80_000,
  pointsPerWindow: 800,
  windowMs: 60_000,
};

/** GitHub's cost of a request: 5 points for a write, 1 for a read. */
export const pointsOf = (method: string): number =>
  ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 1 : 5;

export interface Ticket {
  start: number;
  points: number;
}

interface Done {
  start: number;
  end: number;
}

/** The answer to "may a request start now?": yes, after a finish, or after `ms`. */
export type Admission = { ok: true } | { ok: false; waitForFinish: true } | { ok: false; ms: number };

/** Until PATrol has timed a request, assume one takes a second. */
const FIRST_ESTIMATE_MS = 1000;

export class RequestBudget {
  private readonly flying = new Set<Ticket>();
  private done: Done[] = [];
  private starts: Ticket[] = [];
  private recent: number[] = [];

  constructor(readonly limits: BudgetLimits = GITHUB_LIMITS) {}

  /** Expected response time of the next request: the mean of the last 20. */
  estimateMs(): number {
    if (this.recent.length === 0) return FIRST_ESTIMATE_MS;
    return this.recent.reduce((sum, ms) => sum + ms, 0) / this.recent.length;
  }

  /**
   * Response time charged to the window ending at `now`: the part of each finished request
   * inside it, and for each request in flight at least the estimate (it is still running).
   */
  chargedMs(now: number): number {
    this.prune(now);
    const since = now - this.limits.windowMs;
    let total = 0;
    for (const d of this.done) total += Math.max(0, d.end - Math.max(d.start, since));
    const estimate = this.estimateMs();
    for (const t of this.flying) total += Math.max(now - Math.max(t.start, since), estimate);
    return total;
  }

  private prune(now: number): void {
    const since = now - this.limits.windowMs;
    // A record from the future means the clock was set back: it tells nothing any more.
    this.done = this.done.filter((d) => d.end > since && d.end <= now);
    this.starts = this.starts.filter((t) => t.start > since && t.start <= now);
  }

  admit(now: number, points = 1): Admission {
    this.prune(now);
    const { maxInFlight, responseMsPerWindow, pointsPerWindow, windowMs } = this.limits;
    if (this.flying.size >= maxInFlight) return { ok: false, waitForFinish: true };
    const spent = this.starts.reduce((sum, t) => sum + t.points, 0);
    if (spent + points > pointsPerWindow) {
      const oldest = this.starts[0]?.start ?? now;
      return { ok: false, ms: Math.max(1, oldest + windowMs - now) };
    }
    // Alone, a request always may start (else one slower than the whole budget would stall).
    if (this.flying.size === 0 && this.done.length === 0) return { ok: true };
    const over = this.chargedMs(now) + this.estimateMs() - responseMsPerWindow;
    if (over > 0) {
      // Charge leaves the window as finished requests age out, at most 1 ms per ms for each.
      const ageing = this.done.filter((d) => d.start + windowMs <= now).length;
      const nextAgeing = Math.min(...this.done.map((d) => d.start + windowMs).filter((t) => t > now));
      if (ageing === 0 && !Number.isFinite(nextAgeing)) return { ok: false, waitForFinish: true };
      const byAgeing = ageing > 0 ? over / ageing : Number.POSITIVE_INFINITY;
      return { ok: false, ms: Math.max(1, Math.ceil(Math.min(byAgeing, nextAgeing - now))) };
    }
    return { ok: true };
  }

  begin(now: number, points = 1): Ticket {
    const ticket = { start: now, points };
    this.flying.add(ticket);
    this.starts.push(ticket);
    return ticket;
  }

  finish(ticket: Ticket, now: number): void {
    if (!this.flying.delete(ticket)) return;
    this.done.push({ start: ticket.start, end: now });
    this.recent.push(now - ticket.start);
    if (this.recent.length > 20) this.recent.shift();
  }

  get inFlight(): number {
    return this.flying.size;
  }
}

/** Waits for the budget: requests start in turn as it allows; the caller says when each ended. */
export class BudgetGate {
  private wakers: (() => void)[] = [];

  constructor(
    readonly budget: RequestBudget,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  async acquire(points: number): Promise<Ticket> {
    for (;;) {
      const admission = this.budget.admit(this.clock(), points);
      if (admission.ok) return this.budget.begin(this.clock(), points);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finished = new Promise<void>((resolve) => this.wakers.push(resolve));
      const waits: Promise<void>[] = [finished];
      if ('ms' in admission)
        waits.push(new Promise((resolve) => (timer = setTimeout(resolve, admission.ms))));
      await Promise.race(waits);
      // Woken by a finish: the timer has nothing left to do (and must not keep a clock busy).
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  release(ticket: Ticket): void {
    this.budget.finish(ticket, this.clock());
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }
}

/**
 * The fastest a list of `requests`, each `latencyMs` long, can finish at `maxInFlight` at once
 * while any 60 s holds at most `ruleMs` of response time (GitHub's rule: 90 s): bursts of
 * `ruleMs` of work, a window apart. The bench compares the real load with it.
 */
export function fastestScheduleMs(
  requests: number,
  latencyMs: number,
  { maxInFlight = 4, ruleMs = 90_000, windowMs = 60_000 } = {},
): number {
  const work = requests * latencyMs;
  const perBurst = Math.max(latencyMs, Math.floor(ruleMs / latencyMs) * latencyMs);
  const bursts = Math.max(1, Math.ceil(work / perBurst));
  const lastBurst = work - perBurst * (bursts - 1);
  const wall = (ms: number) => Math.ceil(ms / latencyMs / maxInFlight) * latencyMs;
  return (bursts - 1) * windowMs + wall(lastBurst);
}
