// The one message protocol between the content script, popup, options page and worker.
// Messages carry intent, never a credential; replies are data, never thrown errors.

import type { MembersView } from './members';
import type { ReviewRecord } from './review';
import type { SsoCredential } from './sso/credential';
import type { WireRequest } from './token-requests';
import type { RepositorySelection, WireToken } from './tokens';
import type { WatchSettings, WatchState } from './watch-state';

export type ErrorCode =
  | 'not_configured'
  | 'bad_key'
  | 'bad_app_id'
  | 'not_installed'
  | 'missing_permission'
  | 'not_owner'
  | 'org_not_found'
  | 'sso_required'
  | 'rate_limited'
  | 'offline'
  | 'github_error'
  | 'bad_credentials'
  | 'validation'
  | 'invalid_message'
  | 'forbidden_sender'
  | 'not_found'
  | 'device_flow'
  | 'locked'
  | 'wrong_passphrase'
  | 'internal';

export interface ReplyError {
  code: ErrorCode;
  message: string;
  /** For rate limits: when the owner can try again (epoch ms). */
  retryAt?: number;
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ReplyError };

export type CredentialMode = 'device' | 'private-key';

/** "Where secrets are kept": Locked with a passphrase, this browser session only, this computer. */
export type SecretStorage = 'passphrase' | 'session' | 'device';

/**
 * - open: nothing to unlock (session or device mode, or no passphrase and nothing stored).
 * - unlocked / locked: passphrase mode, with the key known this browser session or not.
 * - setup: passphrase mode, with secrets an older PATrol kept without one: they stay where
 *   they are, unusable, until the owner chooses a passphrase; then they move (nothing is lost).
 */
export type LockState = 'open' | 'unlocked' | 'locked' | 'setup';

/** Settings as any extension page may see them: never a secret. */
export interface PublicSettings {
  mode: CredentialMode | null;
  clientId: string;
  apiBaseUrl: string;
  /** The web host the panel runs on (github.com or the GHES host). */
  webHost: string;
  hasPrivateKey: boolean;
  signedInAs: string | null;
  secretStorage: SecretStorage;
  lock: LockState;
  /** Whether Sign out has anything to remove: a secret or a cached inventory. */
  stored: boolean;
}

export interface ConnectionReport {
  org: string;
  identity: string;
  installationId: number | null;
  permissions: Record<string, string>;
  canRead: boolean;
  canWrite: boolean;
  /** What is missing and how to fix it; empty when all is well. */
  problems: string[];
  /** Optional features the App's permissions leave off, and how to turn them on. */
  notes?: string[];
}

export interface DeviceCodeView {
  userCode: string;
  verificationUri: string;
  expiresAt: number;
  intervalSeconds: number;
}

export type DevicePollResult =
  | { state: 'pending'; intervalSeconds: number }
  | { state: 'done'; login: string }
  | { state: 'expired' | 'denied'; message: string };

/** The grants of an org as the worker cached them (the worker's and the popup's form). */
export interface LoadedGrants {
  org: string;
  tokens: WireToken[];
  loadedAt: number;
}

/** What a load answers: the list itself is read in chunks (`grants.read`), never in one message. */
export interface GrantsMeta {
  org: string;
  loadedAt: number;
  count: number;
}

/** One slice of a cached list; `next` is the offset of the following slice, or null at the end. */
export interface GrantsChunk {
  org: string;
  loadedAt: number;
  tokens: WireToken[];
  next: number | null;
}

export interface LoadProgress {
  org: string;
  loaded: number;
  /** Known once GitHub's Link header names the last page. */
  total: number | null;
  running: boolean;
}

/**
 * The bulk actions the job engine runs (lib/jobs/engine.ts): revoke grants, review requests,
 * remove SAML SSO credential authorizations.
 */
export type JobKind = 'revoke' | 'approve' | 'deny' | 'remove-authorization';

/** A review job's kind: what it does to pending token requests. */
export type ReviewKind = Extract<JobKind, 'approve' | 'deny'>;

/** What a requests load answers; the list is read in chunks (`requests.read`). */
export interface RequestsMeta {
  org: string;
  loadedAt: number;
  count: number;
}

export interface RequestsChunk {
  org: string;
  loadedAt: number;
  requests: WireRequest[];
  next: number | null;
}

/** The pending requests of an org as the worker cached them. */
export interface LoadedRequests {
  org: string;
  requests: WireRequest[];
  loadedAt: number;
}

/** An item's state in a job: `done` means GitHub applied it (revoked, for a revocation). */
export type ItemState = 'pending' | 'sent' | 'done' | 'failed' | 'unconfirmed';

export interface JobItemView {
  id: number;
  name: string;
  owner: string;
  state: ItemState;
  reason?: string;
}

/** A job's progress: small (well under 2 kB) whatever the job's size, so it can be pushed often. */
export interface JobSummary {
  id: string;
  kind: JobKind;
  org: string;
  createdAt: number;
  phase: 'running' | 'waiting' | 'verifying' | 'done';
  total: number;
  done: number;
  failed: number;
  unconfirmed: number;
  /** Items sent to GitHub so far. */
  sent: number;
  /** Set while the worker waits out a rate limit. */
  waitingUntil: number | null;
  message: string | null;
}

/** Items of a job that did not end `done`, a slice at a time (`next` as in GrantsChunk). */
export interface JobOutcomes {
  jobId: string;
  items: JobItemView[];
  next: number | null;
}

/** What the worker pushes on a `patrol.progress` port (lib/progress.ts). */
export type ProgressEvent = { type: 'load'; progress: LoadProgress } | { type: 'job'; job: JobSummary };

/** What a page sends on that port: which org it follows (null: every org, for the popup). */
export interface ProgressWatch {
  watch: { org: string | null };
}

export const PROGRESS_PORT = 'patrol.progress';

/**
 * The SSO credentials tab's load: the list's size (read in chunks with `sso.read`), or why the
 * org has none to show: no SAML SSO (GitHub answers 404), the App lacks "Administration", or
 * GitHub Enterprise Server (no such endpoint). `message` says what to do.
 */
export type SsoMeta =
  | { org: string; state: 'ok'; loadedAt: number; count: number }
  | { org: string; state: 'no_saml' | 'no_permission' | 'ghes'; message: string };

export interface SsoChunk {
  org: string;
  loadedAt: number;
  credentials: SsoCredential[];
  next: number | null;
}

export interface OrgSummary {
  org: string;
  loadedAt: number | null;
  count: number;
  /** Pending token requests when they were last loaded (the requests panel); absent if never. */
  pending?: number;
}

export interface LogEntry {
  at: number;
  org: string;
  grantId: number;
  tokenId: number | null;
  tokenName: string;
  ownerLogin: string;
  outcome: 'revoked' | 'approved' | 'denied' | 'removed' | 'failed' | 'unconfirmed';
  /** GitHub's reason for a failure; for a review, the reason the owner gave (sent to the requester). */
  reason: string | null;
  actor: string;
  /** For a review: the owner's reason, kept also when GitHub's failure reason fills `reason`. */
  reviewReason?: string | null;
}

/**
 * Every request the worker answers: its input and the data of a successful reply. Each is
 * handled by one entry of the worker's registry (lib/worker/messages/), which declares its
 * schema (checked against `input` by the compiler), its senders and its handler.
 */
export interface Protocol {
  'settings.get': { input: Record<string, never>; output: PublicSettings };
  'settings.save': {
    input: {
      mode: CredentialMode;
      clientId: string;
      apiBaseUrl: string;
      /** Omitted keeps the stored key. */
      privateKey?: string;
      secretStorage: SecretStorage;
      /** A new passphrase (passphrase mode); omitted keeps the current, unlocked one. */
      passphrase?: string;
    };
    output: PublicSettings;
  };
  /** Extension pages only. `confirm` repeats a passphrase chosen for the first time. */
  unlock: { input: { passphrase: string; confirm?: string }; output: PublicSettings };
  'connection.test': { input: { org: string }; output: ConnectionReport };
  'signin.start': { input: Record<string, never>; output: DeviceCodeView };
  'signin.poll': { input: Record<string, never>; output: DevicePollResult };
  /** Wipes secrets, cached inventories and finished jobs; the log too only if asked. */
  signout: { input: { clearLog?: boolean }; output: PublicSettings };
  'grants.load': { input: { org: string; refresh: boolean }; output: GrantsMeta };
  'grants.read': { input: { org: string; loadedAt: number; offset: number }; output: GrantsChunk };
  'grants.repositories': {
    input: { org: string; grantIds: number[] };
    output: Record<string, string[]>;
  };
  'jobs.start': { input: { kind: 'revoke'; org: string; ids: number[] }; output: JobSummary };
  'requests.load': { input: { org: string; refresh: boolean }; output: RequestsMeta };
  'requests.read': { input: { org: string; loadedAt: number; offset: number }; output: RequestsChunk };
  'requests.repositories': {
    input: { org: string; requestIds: number[] };
    output: Record<string, string[]>;
  };
  /** Approve or deny pending requests: a job like a revocation, with one reason for all. */
  'requests.review': {
    input: { kind: ReviewKind; org: string; ids: number[]; reason: string };
    output: JobSummary;
  };
  'jobs.latest': { input: { org: string | null }; output: JobSummary | null };
  'jobs.outcomes': { input: { jobId: string; offset: number }; output: JobOutcomes };
  'jobs.retryFailed': { input: { jobId: string }; output: JobSummary };
  'sso.load': { input: { org: string; refresh: boolean }; output: SsoMeta };
  'sso.read': { input: { org: string; loadedAt: number; offset: number }; output: SsoChunk };
  /** Extension pages only, after the owner confirmed: one DELETE per credential, as a job. */
  'sso.remove': { input: { org: string; ids: number[] }; output: JobSummary };
  'orgs.list': { input: Record<string, never>; output: OrgSummary[] };
  'orgs.remove': { input: { org: string }; output: OrgSummary[] };
  'log.list': { input: Record<string, never>; output: LogEntry[] };
  'log.clear': { input: Record<string, never>; output: LogEntry[] };
  'options.open': { input: Record<string, never>; output: null };
  /** The org's membership (App permission "Members: read"), cached for a few minutes. */
  'members.load': { input: { org: string; refresh: boolean }; output: MembersView };
  /** The watch's checkboxes on the options page; the daily alarm follows them. */
  'watch.configure': { input: WatchSettings; output: WatchSettings };
  /** "Check now": refreshes every known org and sets the badge; replies when done. */
  'watch.check': { input: Record<string, never>; output: WatchState };
  /** What changed since the org's review baseline, for the cached list; null before any load. */
  'changes.read': { input: { org: string }; output: ChangesView | null };
  /** "Mark reviewed" (extension pages only, after the owner confirmed): the list loaded at `loadedAt`. */
  'changes.review': { input: { org: string; loadedAt: number }; output: ReviewRecord };
  'reviews.list': { input: Record<string, never>; output: ReviewRecord[] };
  'reviews.export': { input: { id: string }; output: { fileName: string; csv: string } };
}

/** A token listed in the baseline and not any more, as the baseline knows it. */
export interface GoneToken {
  grantId: number;
  tokenId: number | null;
  tokenName: string;
  ownerLogin: string;
  ownerId: number;
  repositorySelection: RepositorySelection;
  expiresAt: number | null;
}

export interface ChangesView {
  org: string;
  /** The cached list this was computed for. */
  loadedAt: number;
  /** When the baseline's list was loaded, and when it was last reviewed (null: never). */
  baselineAt: number;
  reviewedAt: number | null;
  new: number[];
  changed: number[];
  gone: GoneToken[];
}

export type MessageType = keyof Protocol;
export type Input<T extends MessageType> = Protocol[T]['input'];
export type Output<T extends MessageType> = Protocol[T]['output'];

export interface Message<T extends MessageType = MessageType> {
  patrol: 1;
  type: T;
  input: Input<T>;
}

export function message<T extends MessageType>(type: T, input: Input<T>): Message<T> {
  return { patrol: 1, type, input };
}

export function ok<T>(data: T): Reply<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, retryAt?: number): Reply<never> {
  return { ok: false, error: retryAt === undefined ? { code, message } : { code, message, retryAt } };
}
