// The worker, wired: credentials, the grants loader, the job runner with its kinds, the
// progress hub and the message registry. Each piece is a module of its own; this file only
// connects them (entrypoints/background.ts connects this to the browser).
import { MAX_INLINE_WAIT_SECONDS, type RateLimitWait } from '../github/client';
import { summaryOf } from '../jobs/job';
import type { Input, MessageType, Output, ProgressEvent } from '../protocol';
import type { WorkerContext } from './context';
import { type CredentialDeps, Credentials } from './credentials';
import { readGrants } from './grants-cache';
import { createGrantsLoader } from './grants-loader';
import { createJobRunner } from './job-runner';
import { unfinishedJobs } from './job-store';
import { removeAuthorizationKind } from './kinds/remove-authorization';
import { reviewKind } from './kinds/review';
import { revokeKind } from './kinds/revoke';
import { appendLog } from './log';
import { createMembersLoader } from './members-loader';
import { changesMessages } from './messages/changes';
import { grantsMessages } from './messages/grants';
import { jobMessages, latestSummary } from './messages/jobs';
import { membersMessages } from './messages/members';
import { requestMessages } from './messages/requests';
import { settingsMessages } from './messages/settings';
import { signinMessages } from './messages/signin';
import { ssoMessages } from './messages/sso';
import { watchMessages } from './messages/watch';
import { createProgressHub } from './progress-hub';
import type { HandlerContext, Registry } from './registry';
import { createRequestsLoader } from './requests-loader';
import { createSsoLoader } from './sso-loader';
import { createVerifier } from './verification';
import { createWatch } from './watch';

/**
 * Rate-limit waits a request may sleep through in place. A write that must wait longer
 * fails fast instead, and its job parks itself with an alarm: an MV3 worker asleep in a
 * timer for a minute may be stopped by Chrome before it wakes.
 */
export function inlineRateLimitWait(wait: RateLimitWait): boolean {
  const isWrite = wait.method !== 'GET' && wait.method !== 'HEAD';
  return wait.retryAfter <= (isWrite ? 20 : MAX_INLINE_WAIT_SECONDS);
}

export interface WorkerDeps extends CredentialDeps {
  /** Whether a progress port's sender is one of PATrol's surfaces (background.ts checks it). */
  allowedPort?: (sender: unknown) => Promise<boolean>;
}

export function createWorker(deps: WorkerDeps = {}) {
  const now = () => deps.now?.() ?? Date.now();
  const credentials = new Credentials({ onRateLimit: inlineRateLimitWait, ...deps });
  const client = (org: string) => credentials.clientFor(org);
  const hub = createProgressHub({
    allowed: deps.allowedPort ?? (async () => true),
    current: async (org): Promise<ProgressEvent[]> => {
      const events: ProgressEvent[] = [];
      const job = await latestSummary(org);
      if (job) events.push({ type: 'job', job });
      const load = org === null ? undefined : loader.progress(org);
      if (load) events.push({ type: 'load', progress: load });
      return events;
    },
  });
  const loader = createGrantsLoader({ client, publish: hub.publish, now });
  const stillListed = createVerifier({ client, reload: (org) => loader.load(org) });
  const requests = createRequestsLoader({ client, now });
  const members = createMembersLoader({ client, now });
  // Applied approvals are grants now: the cached grants are reloaded once they lack one.
  const approvalsApplied = async (org: string, items: readonly { tokenId: number | null }[]) => {
    const cached = await readGrants(org);
    const have = new Set(cached?.tokens.map((token) => token.tokenId));
    if (cached && items.some((item) => item.tokenId !== null && !have.has(item.tokenId)))
      await loader.load(org);
  };
  const review = { client, reload: (org: string) => requests.load(org), approvalsApplied };
  const sso = createSsoLoader({
    client,
    apiBaseUrl: async () => (await credentials.settings()).apiBaseUrl,
    now,
  });
  const runner = createJobRunner({
    kinds: {
      revoke: revokeKind({ client, stillListed }),
      approve: reviewKind('approve', review),
      deny: reviewKind('deny', review),
      'remove-authorization': removeAuthorizationKind({ client, stillListed: sso.stillListed }),
    },
    now,
    publish: (job) => hub.publish({ type: 'job', job }),
    appendLog,
  });
  const watch = createWatch({ credentials, loader, members, now });
  const context: WorkerContext = { credentials, loader, requests, runner, hub, now, fetch: deps.fetch };
  const registry: Registry = {
    ...settingsMessages(context),
    ...signinMessages(context),
    ...grantsMessages(context),
    ...changesMessages(context),
    ...jobMessages(context),
    ...requestMessages(context),
    ...ssoMessages(context, sso),
    ...membersMessages(context, members),
    ...watchMessages(watch),
  };

  /** Calls a handler directly, as a trusted extension page would (tests, the benchmark). */
  function call<T extends MessageType>(type: T, input: Input<T>, from: HandlerContext = { sender: 'page' }) {
    return (
      registry[type] as unknown as { handler: (i: Input<T>, c: HandlerContext) => Promise<Output<T>> }
    ).handler(input, from);
  }

  return { registry, hub, runner, credentials, call, watch, resumeJobs: runner.resumeAll };
}

export type Worker = ReturnType<typeof createWorker>;

/** The unfinished jobs' summaries (tests and the benchmark look at them). */
export async function unfinishedSummaries() {
  return (await unfinishedJobs()).map(summaryOf);
}
