// The worker's handlers, one per protocol message. The router has already checked the
// sender and validated the input; errors thrown here become error replies.
import { browser } from 'wxt/browser';
import { MAX_INLINE_WAIT_SECONDS, type RateLimitWait } from '../github/client';
import { describeGitHubError } from '../github/errors';
import { batches, listAllGrants, listGrantRepositories } from '../github/grants';
import type {
  ConnectionReport,
  Input,
  LoadedGrants,
  LoadProgress,
  LogEntry,
  MessageType,
  Output,
} from '../protocol';
import { identityItem } from '../storage';
import { type Token, toWire } from '../tokens';
import * as cache from './cache';
import { type CredentialDeps, Credentials } from './credentials';
import { pollDeviceFlow, startDeviceFlow } from './device-flow';
import {
  advanceJob,
  JOB_ALARM,
  JOB_HEARTBEAT_ALARM,
  type Job,
  type JobToken,
  newJob,
  readJobs,
  retryFailed,
  saveJob,
  takeLogEntries,
  viewOf,
} from './jobs';

/**
 * Rate-limit waits a request may sleep through in place. A write that must wait longer
 * fails fast instead, and its job parks itself with an alarm: an MV3 worker asleep in a
 * timer for a minute may be stopped by Chrome before it wakes.
 */
export function inlineRateLimitWait(wait: RateLimitWait): boolean {
  const isWrite = wait.method !== 'GET' && wait.method !== 'HEAD';
  return wait.retryAfter <= (isWrite ? 20 : MAX_INLINE_WAIT_SECONDS);
}

export type Handlers = { [T in MessageType]: (input: Input<T>) => Promise<Output<T>> };

export class WorkerService {
  readonly credentials: Credentials;
  private readonly progress = new Map<string, LoadProgress>();
  private readonly loads = new Map<string, Promise<LoadedGrants>>();
  private readonly runningJobs = new Map<string, Promise<Job>>();
  private readonly runAgain = new Set<string>();
  private wakeTimer: ReturnType<typeof setTimeout> | undefined;
  private wakeDue = 0;
  private logWrites: Promise<void> = Promise.resolve();

  constructor(private readonly deps: CredentialDeps = {}) {
    this.credentials = new Credentials({ onRateLimit: inlineRateLimitWait, ...deps });
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Loads every grant of an org from GitHub, once at a time per org, and caches it. */
  loadGrants(org: string): Promise<LoadedGrants> {
    const key = org.toLowerCase();
    const running = this.loads.get(key);
    if (running) return running;
    const load = (async () => {
      this.progress.set(key, { org, loaded: 0, total: null, running: true });
      try {
        const client = await this.credentials.clientFor(org);
        const tokens = await listAllGrants(client, org, ({ loaded, total }) => {
          this.progress.set(key, { org, loaded, total, running: true });
        });
        const loaded: LoadedGrants = { org, tokens: tokens.map(toWire), loadedAt: this.now() };
        await cache.writeGrants(loaded);
        return loaded;
      } finally {
        const last = this.progress.get(key);
        if (last) this.progress.set(key, { ...last, running: false });
        this.loads.delete(key);
      }
    })();
    this.loads.set(key, load);
    return load;
  }

  /**
   * Which of the candidates GitHub still lists. Asking by token_id[] (50 a request) is
   * cheaper than reloading a big org; the org is reloaded whole when that is cheaper, when a
   * token id is unknown, or when the server ignores the filter (GHES before 3.13).
   */
  private async liveGrantIds(org: string, candidates: readonly JobToken[]): Promise<Set<number>> {
    const cached = await cache.readGrants(org);
    const tokenIds = candidates.map((token) => token.tokenId);
    const total = cached?.tokens.length ?? Number.POSITIVE_INFINITY;
    if (
      cached &&
      tokenIds.every((id) => id !== null) &&
      Math.ceil(tokenIds.length / 50) < Math.ceil(total / 100)
    ) {
      const client = await this.credentials.clientFor(org);
      const live = new Set<number>();
      let filterHonoured = true;
      for (const chunk of batches(tokenIds as number[], 50)) {
        const wanted = new Set(chunk);
        const listed = await listAllGrants(client, org, undefined, { tokenIds: chunk });
        if (listed.some((token) => token.tokenId === null || !wanted.has(token.tokenId)))
          filterHonoured = false;
        for (const token of listed) live.add(token.grantId);
      }
      if (filterHonoured) {
        const gone = new Set(
          candidates.filter((token) => !live.has(token.grantId)).map((token) => token.grantId),
        );
        // Keep the cache true for the panel and popup without reloading the whole org.
        if (gone.size > 0)
          await cache.writeGrants({
            ...cached,
            tokens: cached.tokens.filter((token) => !gone.has(token.grantId)),
          });
        return live;
      }
    }
    const loaded = await this.loadGrants(org);
    return new Set(loaded.tokens.map((token) => token.grantId));
  }

  /**
   * Wakes the job runner at a time: a timer while the worker lives, an alarm if it dies.
   * The earliest wake asked for wins: every wake resumes every job, and a job that is not due
   * yet asks again, so a later wake is never lost by keeping an earlier one.
   */
  private wakeAt(when: number): void {
    if (this.wakeTimer !== undefined && this.wakeDue <= when) return;
    clearTimeout(this.wakeTimer);
    this.wakeDue = when;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = undefined;
        void this.resumeJobs();
      },
      Math.max(0, when - this.now()),
    );
    // Chrome rounds alarms up to 30 s; the timer covers the common case of a live worker.
    void this.armAlarm(Date.now() + Math.max(when - this.now(), 30_000));
  }

  private async armAlarm(when: number): Promise<void> {
    const armed = await browser.alarms.get(JOB_ALARM);
    if (armed && armed.scheduledTime > Date.now() && armed.scheduledTime <= when) return;
    await browser.alarms.create(JOB_ALARM, { when });
  }

  /**
   * Runs a job until it waits or ends. A job already running is not started twice; if it is
   * asked to run meanwhile (a wake, a retry), it runs once more from storage when this run
   * ends, so a wake that lands while a run is finishing is not lost.
   */
  private runJob(job: Job): Promise<Job> {
    const running = this.runningJobs.get(job.id);
    if (running) {
      this.runAgain.add(job.id);
      return running;
    }
    // A heartbeat alarm while any job is unfinished: if Chrome stops the worker mid-batch,
    // the alarm starts it again and the job resumes from storage.
    void browser.alarms.create(JOB_HEARTBEAT_ALARM, { periodInMinutes: 0.5 });
    const run = advanceJob(job, {
      client: (org) => this.credentials.clientFor(org),
      liveGrantIds: (org, candidates) => this.liveGrantIds(org, candidates),
      now: () => this.now(),
      wakeAt: (when) => this.wakeAt(when),
    })
      .then(async (advanced) => {
        await this.appendLog(takeLogEntries(advanced, this.now()));
        await saveJob(advanced);
        return advanced;
      })
      .finally(() => {
        this.runningJobs.delete(job.id);
        if (this.runAgain.delete(job.id)) void this.resumeJob(job.id);
      });
    this.runningJobs.set(job.id, run);
    return run;
  }

  private async resumeJob(jobId: string): Promise<void> {
    const stored = (await readJobs()).find((candidate) => candidate.id === jobId);
    if (stored && stored.phase !== 'done') await this.runJob(stored);
  }

  /** Log writes are read-modify-write: one at a time, so two jobs ending together lose nothing. */
  private appendLog(entries: LogEntry[]): Promise<void> {
    const write = this.logWrites.then(() => cache.appendLog(entries));
    this.logWrites = write.catch(() => {});
    return write;
  }

  /** Resumes every unfinished job; called on start-up, by alarm and by timer. */
  async resumeJobs(): Promise<void> {
    const unfinished = (await readJobs()).filter((job) => job.phase !== 'done');
    await Promise.all(unfinished.map((job) => this.runJob(job)));
    const stillUnfinished = (await readJobs()).some((job) => job.phase !== 'done');
    if (!stillUnfinished && this.runningJobs.size === 0) await browser.alarms.clear(JOB_HEARTBEAT_ALARM);
  }

  private async testConnection(org: string): Promise<ConnectionReport> {
    const settings = await this.credentials.settings();
    const problems: string[] = [];
    let identity = '';
    let installationId: number | null = null;
    let permissions: Record<string, string> = {};
    if (settings.mode === 'private-key') {
      const app = await this.credentials.appClient();
      const { data: appInfo } = await app.rest.apps.getAuthenticated();
      identity = `app ${appInfo?.slug ?? appInfo?.name ?? settings.clientId}`;
      try {
        const { data } = await app.rest.apps.getOrgInstallation({ org });
        installationId = data.id;
        permissions = data.permissions as Record<string, string>;
      } catch (error) {
        if ((error as { status?: number }).status === 404) {
          problems.push(
            `The app is not installed on ${org}. An owner of ${org} installs it from the App's public page (Install App → ${org}), or from ${org}'s settings → GitHub Apps.`,
          );
        } else throw error;
      }
    } else {
      const user = await this.credentials.userClient();
      const { data: me } = await user.rest.users.getAuthenticated();
      identity = me.login;
      const installations = await user.paginate(user.rest.apps.listInstallationsForAuthenticatedUser, {
        per_page: 100,
      });
      const found = installations.find(
        (inst) => (inst.account as { login?: string } | null)?.login?.toLowerCase() === org.toLowerCase(),
      );
      if (found) {
        installationId = found.id;
        permissions = found.permissions as Record<string, string>;
      } else {
        problems.push(
          `The app is not installed on ${org}, or ${me.login} cannot see its installation. Install the App on ${org} (org settings → GitHub Apps).`,
        );
      }
    }
    await identityItem.setValue(identity);
    const level = permissions.organization_personal_access_tokens;
    const canRead = level === 'read' || level === 'write';
    const canWrite = level === 'write';
    if (installationId !== null && !canRead) {
      problems.push(
        'The app lacks the organization permission "Personal access tokens". Set it to "Read and write" in the App settings, then accept the new permissions on the installation.',
      );
    } else if (installationId !== null && !canWrite) {
      problems.push(
        'The app can read tokens but not revoke them: set "Personal access tokens" to "Read and write" in the App settings, then accept the new permissions on the installation.',
      );
    }
    if (installationId !== null && canRead) {
      try {
        const client = await this.credentials.clientFor(org);
        await client.request('GET /orgs/{org}/personal-access-tokens', { org, per_page: 1 });
      } catch (error) {
        problems.push(describeGitHubError(error, { org, action: 'list tokens' }).message);
      }
    }
    return { org, identity, installationId, permissions, canRead, canWrite, problems };
  }

  private async grantsFor(org: string, grantIds: readonly number[]): Promise<Token[]> {
    const cached = (await cache.readGrants(org)) ?? (await this.loadGrants(org));
    const byId = new Map(cached.tokens.map((token) => [token.grantId, token]));
    const missing = grantIds.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw Object.assign(
        new Error(
          `${missing.length} of the selected tokens are no longer listed by GitHub. Reload the list and select again.`,
        ),
        { code: 'not_found' },
      );
    }
    return grantIds.map((id) => byId.get(id) as unknown as Token);
  }

  readonly handlers: Handlers = {
    'settings.get': () => this.credentials.publicSettings(),
    'settings.save': (input) => this.credentials.save(input),
    'connection.test': ({ org }) => this.testConnection(org),
    'signin.start': async () => {
      const settings = await this.credentials.settings();
      if (!settings.clientId)
        throw Object.assign(new Error("Save the GitHub App's Client ID first."), { code: 'not_configured' });
      return startDeviceFlow(settings.clientId, settings.apiBaseUrl, this.deps.fetch, this.now());
    },
    'signin.poll': async () => {
      const { result, auth } = await pollDeviceFlow(this.deps.fetch, this.now());
      if (result.state !== 'done' || !auth) return result;
      await this.credentials.storeUserAuth({ ...auth, login: '' });
      const user = await this.credentials.userClient();
      const { data } = await user.rest.users.getAuthenticated();
      await this.credentials.storeUserAuth({ ...auth, login: data.login });
      return { state: 'done', login: data.login };
    },
    signout: () => this.credentials.signOut(),
    'grants.load': async ({ org, refresh }) => {
      if (!refresh) {
        const cached = await cache.readGrants(org);
        if (cached) return cached;
      }
      return this.loadGrants(org);
    },
    'grants.progress': async ({ org }) =>
      this.progress.get(org.toLowerCase()) ?? { org, loaded: 0, total: null, running: false },
    'grants.repositories': async ({ org, grantIds }) => {
      const known = await cache.readRepositories(org);
      const wanted = grantIds.filter((id) => !known[id]);
      if (wanted.length > 0) {
        const client = await this.credentials.clientFor(org);
        // A steady 4 in flight (GitHub asks integrators to keep concurrency low), and one
        // cache write for the whole message rather than one per request.
        let next = 0;
        const fetchNext = async (): Promise<void> => {
          while (next < wanted.length) {
            const id = wanted[next++] as number;
            known[id] = await listGrantRepositories(client, org, id);
          }
        };
        try {
          await Promise.all(Array.from({ length: Math.min(4, wanted.length) }, fetchNext));
        } finally {
          await cache.writeRepositories(org, known); // keep what arrived, even after an error
        }
      }
      return Object.fromEntries(grantIds.map((id) => [String(id), known[id] ?? []]));
    },
    'revoke.start': async ({ org, grantIds }) => {
      const busy = new Set(
        (await readJobs())
          .filter((job) => job.phase !== 'done' && job.org.toLowerCase() === org.toLowerCase())
          .flatMap((job) => job.tokens.map((token) => token.grantId)),
      );
      const already = grantIds.filter((id) => busy.has(id)).length;
      if (already > 0) {
        throw Object.assign(
          new Error(
            `${already} of these tokens are already being revoked. Wait for that revocation to finish, then select again.`,
          ),
          { code: 'validation' },
        );
      }
      const tokens = await this.grantsFor(org, [...new Set(grantIds)]);
      const actor = (await identityItem.getValue()) ?? (await this.credentials.settings()).clientId;
      const job = newJob(org, actor, tokens, this.now());
      await saveJob(job);
      void this.runJob(job);
      return viewOf(job);
    },
    'revoke.status': async ({ org }) => {
      const jobs = (await readJobs()).filter(
        (job) => org === null || job.org.toLowerCase() === org.toLowerCase(),
      );
      const latest = jobs.at(-1);
      if (latest && latest.phase !== 'done' && !this.runningJobs.has(latest.id)) void this.runJob(latest);
      return latest ? viewOf(latest) : null;
    },
    'revoke.retryFailed': async ({ jobId }) => {
      // A run that is ending still saves its final state: let it, then retry on top of it.
      await this.runningJobs.get(jobId)?.catch(() => undefined);
      const job = (await readJobs()).find((candidate) => candidate.id === jobId);
      if (!job) throw Object.assign(new Error('That revocation is no longer known.'), { code: 'not_found' });
      if (job.phase !== 'done') return viewOf(job);
      retryFailed(job);
      await saveJob(job);
      void this.runJob(job);
      return viewOf(job);
    },
    'orgs.list': async () =>
      (await cache.allGrants()).map(({ org, loadedAt, tokens }) => ({ org, loadedAt, count: tokens.length })),
    'orgs.cached': () => cache.allGrants(),
    'orgs.remove': async ({ org }) => {
      await cache.dropOrg(org);
      return this.handlers['orgs.list']({});
    },
    'log.list': () => cache.readLog(),
    'options.open': async () => {
      await browser.runtime.openOptionsPage();
      return null;
    },
    'log.clear': async () => {
      await cache.clearLog();
      return [];
    },
  };
}
