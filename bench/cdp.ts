// Heap figures over the Chrome DevTools Protocol: the page target through Playwright's
// CDP session; the extension's service worker through the same session, attached with
// Target.attachToTarget (non-flat: Playwright's CDPSession cannot address child sessions,
// so commands travel as Target.sendMessageToTarget and replies as events).
import { writeFileSync } from 'node:fs';
import type { CDPSession } from '@playwright/test';

export interface HeapFigure {
  /** Used JS heap before a forced GC, bytes. */
  usedBeforeGc: number;
  /** Used JS heap after a forced GC, bytes: what the page retains. */
  usedAfterGc: number;
  total: number;
}

async function metric(cdp: CDPSession, name: string): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === name)?.value ?? Number.NaN;
}

/** JSHeapUsedSize of a page (its main world and every isolated world share one V8 heap). */
export async function pageHeap(cdp: CDPSession): Promise<HeapFigure> {
  await cdp.send('Performance.enable');
  const usedBeforeGc = await metric(cdp, 'JSHeapUsedSize');
  await cdp.send('HeapProfiler.collectGarbage');
  const usedAfterGc = await metric(cdp, 'JSHeapUsedSize');
  const total = await metric(cdp, 'JSHeapTotalSize');
  return { usedBeforeGc, usedAfterGc, total };
}

interface Reply {
  id: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** A non-flat session to another target (the service worker), driven through `cdp`. */
export interface TargetSession {
  call(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  detach(): Promise<void>;
}

export async function attachToServiceWorker(
  cdp: CDPSession,
  scriptUrl: string,
): Promise<TargetSession | null> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((info) => info.type === 'service_worker' && info.url === scriptUrl);
  if (!target) return null;
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  const waiting = new Map<number, (reply: Reply) => void>();
  const onMessage = (event: { sessionId?: string; message: string }) => {
    if (event.sessionId !== undefined && event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as Reply;
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  };
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  let next = 1;
  return {
    async call(method, params = {}) {
      const id = next++;
      const reply = new Promise<Reply>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${method}: no reply from the service worker`)),
          30_000,
        );
        waiting.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
      });
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      const r = await reply;
      if (r.error) throw new Error(`${method}: ${r.error.message}`);
      return r.result ?? {};
    },
    async detach() {
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    },
  };
}

/** Runtime.getHeapUsage of the extension's service worker, before and after a forced GC. */
export async function serviceWorkerHeap(cdp: CDPSession, scriptUrl: string): Promise<HeapFigure | null> {
  const session = await attachToServiceWorker(cdp, scriptUrl);
  if (!session) return null;
  try {
    const before = await session.call('Runtime.getHeapUsage');
    await session.call('HeapProfiler.collectGarbage');
    const after = await session.call('Runtime.getHeapUsage');
    return {
      usedBeforeGc: Number(before.usedSize),
      usedAfterGc: Number(after.usedSize),
      total: Number(after.totalSize),
    };
  } finally {
    await session.detach();
  }
}

export interface HotFunction {
  fn: string;
  where: string;
  selfMs: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

type Send = (method: string, params?: Record<string, unknown>) => Promise<unknown>;

/** Runs `fn` under the V8 sampling profiler of a page (`cdp`) or another target (`session`);
 * returns the functions with the most self time. */
export async function profiled<T>(
  target: CDPSession | TargetSession,
  fn: () => Promise<T>,
  top = 15,
): Promise<{ result: T; hot: HotFunction[]; totalMs: number }> {
  const send: Send =
    'call' in target
      ? (method, params) => target.call(method, params)
      : (method, params) => (target as CDPSession).send(method as 'Profiler.enable', params as never);
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
  const result = await fn();
  const { profile } = (await send('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };
  };
  await send('Profiler.disable');
  // BENCH_PROFILE_OUT=path.cpuprofile keeps the raw profile (DevTools opens it) for callers.
  if (process.env.BENCH_PROFILE_OUT)
    writeFileSync(`${process.env.BENCH_PROFILE_OUT}.${Date.now()}.cpuprofile`, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, HotFunction>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalMs = 0;
  samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    if (!node) return;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return;
    totalMs += ms;
    const file = url.replace(/^.*\//, '');
    const where = file ? `${file}:${lineNumber + 1}:${columnNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = self.get(key) ?? { fn: functionName || '(anonymous)', where, selfMs: 0 };
    entry.selfMs += ms;
    self.set(key, entry);
  });
  const hot = [...self.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top)
    .map((h) => ({ ...h, selfMs: Math.round(h.selfMs * 10) / 10 }));
  return { result, hot, totalMs: Math.round(totalMs) };
}

/** Evaluates `expression` in the isolated world named `world` (a content script's). */
export async function evaluateInWorld(cdp: CDPSession, world: string, expression: string): Promise<unknown> {
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  const onContext = (event: { context: { id: number; name: string; auxData?: { type?: string } } }) =>
    contexts.push(event.context);
  cdp.on('Runtime.executionContextCreated', onContext);
  try {
    await cdp.send('Runtime.enable');
    const deadline = Date.now() + 10_000;
    let found = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === world);
    while (!found && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === world);
    }
    if (!found) throw new Error(`no isolated world named ${world}`);
    const result = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: found.id,
      returnByValue: true,
    });
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
    return result.result.value;
  } finally {
    cdp.off('Runtime.executionContextCreated', onContext);
    await cdp.send('Runtime.disable').catch(() => undefined);
  }
}

/**
 * Runs `fn` with the renderers of `sessions` slowed `rate` times (Emulation.setCPUThrottlingRate,
 * DevTools' "CPU throttling"), as on a slower machine; rate 1 runs it as is.
 */
export async function withCpuSlowdown<T>(
  sessions: readonly CDPSession[],
  rate: number,
  fn: () => Promise<T>,
): Promise<T> {
  if (rate <= 1) return fn();
  for (const session of sessions) await session.send('Emulation.setCPUThrottlingRate', { rate });
  try {
    return await fn();
  } finally {
    for (const session of sessions)
      await session.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => undefined);
  }
}
