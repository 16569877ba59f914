// The fake GitHub: one HTTPS server on 127.0.0.1 serving github.com (web + OAuth), api.github.com
// (REST) and any other host as GHES (REST under /api/v3, web at the root), routed by Host header.
import { createHash, createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { changeOrg, type OrgChange, type OrgChangeResult } from './changes.ts';
import { createListener, type Exchange } from './dispatch.ts';
import { Faults } from './faults.ts';
import { createFakeFetch, type FakeFetch } from './fetch.ts';
import { findDeviceCode, issueUserTokens } from './oauth.ts';
import { DOTCOM, type GrantJson, grantJson, requestJson } from './render.ts';
import { RateLimiter } from './rest.ts';
import { credentialJson } from './sso-seed.ts';
import {
  addOrg,
  createState,
  ensureUser,
  type FakeApp,
  type FakeConfig,
  type FakeOrgOptions,
  type FakeState,
  findOrg,
  type OrgState,
  settle,
} from './state.ts';
import { CERT_HOSTS, loadAppKeys, loadTls } from './tls.ts';

export interface FakeOptions extends Partial<FakeConfig> {
  port?: number;
  appId?: number;
  clientId?: string;
  /** Orgs to seed at start-up. */
  orgs?: Record<string, FakeOrgOptions>;
}

export type { Exchange };

export interface FakeGitHub {
  port: number;
  /** https://127.0.0.1:PORT (GHES mode if used directly). */
  origin: string;
  /** PEM of the self-signed certificate (SANs: CERT_HOSTS in tls.ts and 127.0.0.1). */
  cert: string;
  app: FakeApp;
  config: FakeConfig;
  state: FakeState;
  requests: Exchange[];
  faults: Faults;
  /** fetch for Node that reaches the fake at its real URLs (see fetch.ts). */
  fetch: FakeFetch;
  /**
   * Chromium flags: host-resolver-rules for CERT_HOSTS, and the fake's certificate trusted
   * by its key (--ignore-certificate-errors-spki-list). Not --ignore-certificate-errors: Chromium
   * keeps nothing in its HTTP cache from a connection with certificate errors, which would hide
   * GitHub's `Cache-Control: private, max-age=60` from every end-to-end test.
   */
  chromiumArgs(): string[];
  seedOrg(login: string, opts: FakeOrgOptions): OrgState;
  /** Change an org between two visits: tokens added, deleted, edited (changes.ts). */
  changeOrg(login: string, change: OrgChange): OrgChangeResult;
  approveDeviceCode(userCode: string, userLogin: string): void;
  denyDeviceCode(userCode: string): void;
  /** Mint a user access token directly (skipping the device flow). */
  createUserToken(login: string): ReturnType<typeof issueUserTokens>;
  /** Ids accepted for revocation (queued or completed), ascending. */
  revokedGrantIds(org: string): number[];
  /** Grants the API lists right now, as api.github.com JSON, newest first. */
  liveGrants(org: string): GrantJson[];
  /** Pending requests the API lists right now, as api.github.com JSON, newest first. */
  pendingRequests(org: string): ReturnType<typeof requestJson>[];
  /** Every decision accepted on the org's requests (queued or applied), by request id ascending. */
  requestDecisions(org: string): DecisionView[];
  /** SAML credential authorization ids removed by DELETE, in the order they arrived. */
  removedCredentialIds(org: string): number[];
  /** Credential authorizations the API lists right now (GHEC JSON, sso-seed.ts). */
  liveCredentials(org: string): Record<string, unknown>[];
  /** Complete every queued revocation and request decision now. */
  settleRevocations(): void;
  /** The fake's clock (Date.now() + offset); drives expiry, revocation delay, JWT checks, Date. */
  now(): number;
  advanceTime(ms: number): void;
  /** Forget orgs, users, tokens, device codes, the log, faults, rate limits, clock offset. */
  reset(): void;
  close(): Promise<void>;
}

export interface DecisionView {
  id: number;
  action: 'approve' | 'deny';
  reason: string | null;
  applied: boolean;
  via: 'bulk' | 'single';
  /** The grant an applied approval created. */
  grantId?: number;
}

const DEFAULTS: FakeConfig = {
  revokeDelayMs: 1500,
  deviceInterval: 5,
  deviceCodeTtlSec: 900,
  installationTokenTtlSec: 3600,
  userTokenTtlSec: 28_800,
  unknownRevokeIds: 'not_found',
  rateLimit: 5000,
  anonymousRateLimit: 60,
  logBodies: true,
};

export async function startFakeGitHub(opts: FakeOptions = {}): Promise<FakeGitHub> {
  const tls = loadTls();
  const keys = loadAppKeys();
  const config: FakeConfig = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
  } as FakeConfig;
  const app: FakeApp = {
    ...keys,
    appId: opts.appId ?? 1_098_765,
    clientId: opts.clientId ?? 'Iv23liPaTr0lFake9xQZ',
    clientSecret: '3f9c2d7e1b8a4c6d0e5f7a9b1c3d5e7f9a1b3c5d',
    slug: 'patrol-fake',
    name: 'PATrol (fake)',
    ownerLogin: 'patrol-dev',
    deviceFlowEnabled: true,
  };
  let state = createState(app);
  let offset = 0;
  const now = () => Date.now() + offset;
  const faults = new Faults(() => state, now);
  const limiter = new RateLimiter();
  const requests: Exchange[] = [];

  const server: Server = createServer(
    { cert: tls.cert, key: tls.key },
    createListener({ state: () => state, config, faults, limiter, now, requests }),
  );
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const fakeFetch = createFakeFetch({ port, cert: tls.cert });

  const orgOrThrow = (login: string): OrgState => {
    const org = findOrg(state, login);
    if (!org) throw new Error(`fake-github: unknown org ${login}`);
    settle(org, now());
    return org;
  };

  const fake: FakeGitHub = {
    port,
    origin: `https://127.0.0.1:${port}`,
    cert: tls.cert,
    app,
    config,
    get state() {
      return state;
    },
    requests,
    faults,
    fetch: fakeFetch,
    chromiumArgs: () => [
      `--host-resolver-rules=${CERT_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ')}`,
      `--ignore-certificate-errors-spki-list=${spkiHash(tls.cert)}`,
    ],
    seedOrg: (login, o) => addOrg(state, login, o, now()),
    changeOrg: (login, change) => changeOrg(orgOrThrow(login), change, now()),
    approveDeviceCode(userCode, userLogin) {
      const dc = findDeviceCode(state, userCode);
      if (!dc) throw new Error(`fake-github: no pending device code ${userCode}`);
      dc.status = 'approved';
      dc.login = ensureUser(state, userLogin).login;
    },
    denyDeviceCode(userCode) {
      const dc = findDeviceCode(state, userCode);
      if (!dc) throw new Error(`fake-github: no pending device code ${userCode}`);
      dc.status = 'denied';
    },
    createUserToken: (login) => issueUserTokens({ state, config, now: now() }, login),
    revokedGrantIds: (login) => [...orgOrThrow(login).revoked.keys()].sort((a, b) => a - b),
    liveGrants(login) {
      const org = orgOrThrow(login);
      const acct = { login: org.login, id: org.id, type: 'Organization' as const };
      return org.grants.map((g) => grantJson(g, acct, DOTCOM, now()));
    },
    pendingRequests(login) {
      const org = orgOrThrow(login);
      const acct = { login: org.login, id: org.id, type: 'Organization' as const };
      return org.requests.map((r) => requestJson(r, acct, DOTCOM, now()));
    },
    requestDecisions(login) {
      const org = orgOrThrow(login);
      return [...org.decisions.entries()]
        .sort(([a], [b]) => a - b)
        .map(([id, d]) => ({
          id,
          action: d.action,
          reason: d.reason,
          applied: d.applied,
          via: d.via,
          ...(d.grantId === undefined ? {} : { grantId: d.grantId }),
        }));
    },
    removedCredentialIds: (login) => [...orgOrThrow(login).removedCredentials],
    liveCredentials: (login) => orgOrThrow(login).credentials.map(credentialJson),
    settleRevocations() {
      for (const org of state.orgs.values()) {
        const t = now();
        for (const id of org.pending.keys()) org.pending.set(id, t);
        for (const d of org.decisions.values()) if (!d.applied) d.dueAt = Math.min(d.dueAt, t);
        settle(org, now());
      }
    },
    now,
    advanceTime(ms) {
      offset += ms;
    },
    reset() {
      state = createState(app);
      requests.length = 0;
      faults.reset();
      limiter.buckets.clear();
      offset = 0;
    },
    async close() {
      fakeFetch.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  for (const [login, o] of Object.entries(opts.orgs ?? {})) fake.seedOrg(login, o);
  return fake;
}

/** Base64 SHA-256 of a certificate's SubjectPublicKeyInfo, as Chromium's SPKI list wants it. */
export function spkiHash(certPem: string): string {
  const spki = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** A fetch for Node that reaches the fake at https://api.github.com, https://github.com, https://ghes.test. */
export function fetchForFake(fake: Pick<FakeGitHub, 'fetch'>): FakeFetch {
  return fake.fetch;
}
