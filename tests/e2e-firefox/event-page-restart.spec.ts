// Firefox end to end: Firefox stops PATrol's event page mid-job, and the next one finishes it.
//
// Firefox suspends an idle event page after extensions.background.idle.timeout (30 s by default)
// even while one of its fetches is in flight. Here the timeout is 2 s and GitHub is made to take
// 6 s over one batch, so Firefox stops the page in the middle of that batch; the job must then
// resume from storage in a new event page and revoke exactly the chosen tokens.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../fake-github/dispatch.ts';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server.ts';
import { type Firefox, launchFirefox, sendFrom, startTunnel, type Tunnel, until } from './harness.ts';
import { connectWithPrivateKey } from './owner.ts';

const ORG = 'acme';
const IDLE_MS = 2_000;
const SLOW_MS = 6_000;
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

/**
 * Which event page is running: a mark left on its window by the first call, read back by the
 * next. Asking (runtime.getBackgroundPage) starts one if none is running, as any event would.
 */
function eventPageMark(options: Page): Promise<{ previous: string | null; current: string }> {
  return options.evaluate(async () => {
    const ext = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } })
      .browser;
    const page = (await ext.runtime.getBackgroundPage()) as Window & { patrolTestMark?: string };
    const previous = page.patrolTestMark ?? null;
    page.patrolTestMark ??= crypto.randomUUID();
    return { previous, current: page.patrolTestMark };
  });
}

describe('Firefox: the event page is stopped mid-job', () => {
  let fake: FakeGitHub;
  let tunnel: Tunnel;
  let firefox: Firefox;

  beforeAll(async () => {
    fake = await startFakeGitHub({ revokeDelayMs: 400 });
    fake.seedOrg(ORG, { grants: 400, seed: 5 });
    tunnel = await startTunnel(fake.port);
    firefox = await launchFirefox(tunnel, { idleMs: IDLE_MS });
  });

  afterAll(async () => {
    await firefox?.close();
    await tunnel?.close();
    await fake?.close();
  });

  it('a new event page resumes the job from storage and revokes exactly the chosen tokens', async () => {
    const { github, options } = await connectWithPrivateKey(firefox.browser, fake, ORG);
    await github.close(); // an open panel talks to the event page and keeps it awake
    const chosen = sorted(
      fake
        .liveGrants(ORG)
        .slice(0, 350)
        .map((g) => g.id),
    );
    const posts = () =>
      fake.requests.filter(
        (ex) => ex.method === 'POST' && ex.restPath === `/orgs/${ORG}/personal-access-tokens`,
      );
    const idsOf = (ex: Exchange) => (ex.body as { pat_ids: number[] }).pat_ids;

    // PATrol revokes only tokens it has listed: load the org as the panel would.
    const loaded = (await sendFrom(options, 'grants.load', { org: ORG, refresh: true })) as {
      ok: boolean;
      error?: { message: string };
    };
    expect(loaded.ok, loaded.error?.message).toBe(true);

    const first = await eventPageMark(options);
    expect(first.previous).toBeNull();
    const started = (await sendFrom(options, 'jobs.start', { kind: 'revoke', org: ORG, ids: chosen })) as {
      ok: boolean;
      error?: { message: string };
    };
    expect(started.ok, started.error?.message).toBe(true);

    // The first batch goes through; GitHub then takes longer than Firefox's idle timeout.
    await until(() => posts().some((ex) => ex.status === 202), 'the first batch accepted');
    fake.faults.latencyMs = SLOW_MS;
    const slow = await until(() => posts()[1], 'the second batch sent');
    await until(() => slow.status !== 0, 'the slow answer to the second batch', SLOW_MS + 5_000);
    fake.faults.latencyMs = 0;
    // Had the page lived, it would have read that answer and sent the third batch by now.
    const sentBeforeWake = posts().length;

    const second = await eventPageMark(options); // wakes a new event page
    expect(second.previous, 'Firefox did not stop the event page').toBeNull();
    expect(second.current).not.toBe(first.current);
    expect(sentBeforeWake).toBe(2);

    const status = await until(
      async () => {
        const reply = (await sendFrom(options, 'jobs.latest', { org: ORG })) as {
          ok: boolean;
          data?: { phase: string; total: number; done: number; failed: number; unconfirmed: number };
        };
        return reply.ok && reply.data?.phase === 'done' ? reply.data : undefined;
      },
      'the resumed job to finish',
      90_000,
    );
    expect(status).toMatchObject({ total: 350, done: 350, failed: 0, unconfirmed: 0 });
    expect(fake.revokedGrantIds(ORG)).toEqual(chosen);
    // Only the batch in flight when Firefox stopped the page is sent twice.
    const sent = posts().map(idsOf);
    expect(sorted(new Set(sent.flat()))).toEqual(chosen);
    expect(sent.length).toBe(Math.ceil(chosen.length / 100) + 1);
    expect(sent[2]).toEqual(sent[1]);
  });
});
