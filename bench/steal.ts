// CPU time the host took from this virtual machine ("steal" in /proc/stat): on a shared host
// it slows every figure without any load average showing it, so the keystroke figures say how
// much of it there was while they were typed. Linux only; null elsewhere.
import { readFileSync } from 'node:fs';

export interface CpuTimes {
  steal: number;
  total: number;
}

export function cpuTimes(): CpuTimes | null {
  try {
    // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in clock ticks.
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if (ticks.length < 8 || ticks.some((t) => !Number.isFinite(t))) return null;
    return { steal: ticks[7] as number, total: ticks.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** The share of CPU time stolen between two readings, in percent (one decimal). */
export function stolenPercent(before: CpuTimes | null, after: CpuTimes | null): number | null {
  if (!before || !after || after.total <= before.total) return null;
  return Math.round((1000 * (after.steal - before.steal)) / (after.total - before.total)) / 10;
}
