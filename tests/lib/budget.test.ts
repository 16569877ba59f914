import { describe, expect, it } from 'vitest';
import {
  BudgetGate,
  fastestScheduleMs,
  GITHUB_LIMITS,
  pointsOf,
  RequestBudget,
} from '../../lib/github/budget';

/** Response time inside [t - 60 s, t] of requests that ran over [start, end]. */
function windowCharge(runs: { start: number; end: number }[], t: number): number {
  return runs.reduce((sum, r) => sum + Math.max(0, Math.min(r.end, t) - Math.max(r.start, t - 60_000)), 0);
}

/**
 * Runs `count` requests of `latencyMs` through the budget on a simulated clock, as many at once
 * as it admits. Returns when each ran and when the last ended.
 */
function simulate(count: number, latencyMs: number, budget = new RequestBudget()) {
  let now = 0;
  let started = 0;
  const running: { ticket: ReturnType<RequestBudget['begin']>; end: number }[] = [];
  const runs: { start: number; end: number }[] = [];
  let maxInFlight = 0;
  while (runs.length < count) {
    let wakeAt = Number.POSITIVE_INFINITY;
    while (started < count) {
      const admission = budget.admit(now);
      if (!admission.ok) {
        if ('ms' in admission) wakeAt = now + admission.ms;
        break;
      }
      running.push({ ticket: budget.begin(now), end: now + latencyMs });
      started++;
    }
    maxInFlight = Math.max(maxInFlight, running.length);
    const nextEnd = Math.min(...running.map((r) => r.end));
    now = Math.min(wakeAt, nextEnd);
    for (const r of running.filter((x) => x.end <= now)) {
      budget.finish(r.ticket, r.end);
      runs.push({ start: r.ticket.start, end: r.end });
      running.splice(running.indexOf(r), 1);
    }
  }
  return { runs, total: Math.max(...runs.map((r) => r.end)), maxInFlight };
}

describe('RequestBudget', () => {
  it('keeps at most 4 requests in flight', () => {
    const budget = new RequestBudget();
    for (let i = 0; i < 4; i++) {
      expect(budget.admit(0)).toEqual({ ok: true });
      budget.begin(0);
    }
    expect(budget.admit(0)).toEqual({ ok: false, waitForFinish: true });
  });

  it('keeps points per minute under 900: a write costs 5', () => {
    const budget = new RequestBudget({ ...GITHUB_LIMITS, maxInFlight: 1000 });
    expect(pointsOf('POST')).toBe(5);
    expect(pointsOf('get')).toBe(1);
    for (let i = 0; i < 159; i++) budget.finish(budget.begin(i, 5), i + 1);
    expect(budget.admit(200, 5)).toEqual({ ok: true }); // 795 + 5 = 800
    budget.finish(budget.begin(200, 5), 201);
    const refused = budget.admit(300, 1);
    expect(refused).toEqual({ ok: false, ms: 60_000 - 300 }); // when the first start leaves
    expect(budget.admit(60_001, 1)).toEqual({ ok: true });
  });

  it('counts the response time of the last 60 s and refuses past its budget', () => {
    const budget = new RequestBudget({ ...GITHUB_LIMITS, maxInFlight: 100, responseMsPerWindow: 60_000 });
    // 50 requests of a second, finished: 50 s charged, and the next one is expected to take 1 s.
    for (let i = 0; i < 50; i++) budget.finish(budget.begin(i * 1000), i * 1000 + 1000);
    expect(budget.chargedMs(50_000)).toBe(50_000);
    expect(budget.estimateMs()).toBe(1000);
    for (let i = 0; i < 9; i++) budget.begin(50_000);
    expect(budget.chargedMs(50_000)).toBe(59_000);
    expect(budget.admit(50_000)).toEqual({ ok: true });
    budget.begin(50_000);
    const refused = budget.admit(50_000);
    expect(refused.ok).toBe(false);
    // The first second of work starts leaving the window at 60 s.
    expect(refused).toEqual({ ok: false, ms: 10_000 });
  });

  it('lets a lone request start even when it is slower than the whole budget', () => {
    const budget = new RequestBudget({ ...GITHUB_LIMITS, responseMsPerWindow: 500 });
    expect(budget.admit(0)).toEqual({ ok: true });
  });

  it('30,000 grants at 400 ms: never past 80 s of response time in any minute, within 1.2x of the fastest the 90 s rule allows', () => {
    const { runs, total, maxInFlight } = simulate(300, 400);
    expect(maxInFlight).toBe(4);
    for (const t of runs.flatMap((r) => [r.start, r.end])) {
      expect(windowCharge(runs, t)).toBeLessThanOrEqual(GITHUB_LIMITS.responseMsPerWindow);
      expect(GITHUB_LIMITS.responseMsPerWindow).toBeLessThan(90_000);
    }
    const fastest = fastestScheduleMs(300, 400);
    expect(fastest).toBe(67_600); // 225 pages (90 s) at 4 at once, a minute after the first the other 75
    expect(total).toBeLessThanOrEqual(fastest * 1.2);
  });

  it('50,000 grants at 150 ms (75 s of work): under the budget, so not slowed', () => {
    expect(simulate(500, 150).total).toBe(fastestScheduleMs(500, 150));
  });

  it('10,000 grants at 150 ms: the rule does not bind, so 4 run at once from first to last', () => {
    const { total } = simulate(100, 150);
    expect(total).toBe(25 * 150);
    expect(fastestScheduleMs(100, 150)).toBe(25 * 150);
  });
});

describe('BudgetGate', () => {
  it('starts a waiting request as soon as one in flight finishes', async () => {
    const gate = new BudgetGate(new RequestBudget({ ...GITHUB_LIMITS, maxInFlight: 1 }));
    const first = await gate.acquire(1);
    let second = false;
    const waiting = gate.acquire(1).then((ticket) => {
      second = true;
      return ticket;
    });
    await Promise.resolve();
    expect(second).toBe(false);
    gate.release(first);
    gate.release(await waiting);
    expect(second).toBe(true);
  });
});
