// The one message protocol between the content script, popup, options page and worker.
// Messages carry intent, never a credential; replies are data, never thrown errors.
import type { WireToken } from './tokens';

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
  | 'internal';

export interface ReplyError {
  code: ErrorCode;
  message: string;
  /** For rate limits: when the owner can try again (epoch ms). */
  retryAt?: number;
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ReplyError };

export type CredentialMode = 'device' | 'private-key';

/** Settings as any extension page may see them: never a secret. */
export interface PublicSettings {
  mode: CredentialMode | null;
  clientId: string;
  apiBaseUrl: string;
  /** The web host the panel runs on (github.com or the GHES host). */
  webHost: string;
  hasPrivateKey: boolean;
  signedInAs: string | null;
  /** Where secrets live: encrypted on disk, or in memory for this browser session only. */
  secretStorage: 'encrypted' | 'session';
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

export interface LoadedGrants {
  org: string;
  tokens: WireToken[];
  loadedAt: number;
}

export interface LoadProgress {
  org: string;
  loaded: number;
  /** Known once GitHub's Link header names the last page. */
  total: number | null;
  running: boolean;
}

export type TokenOutcome = 'pending' | 'sent' | 'revoked' | 'failed' | 'unconfirmed';

export interface JobTokenView {
  grantId: number;
  tokenName: string;
  ownerLogin: string;
  state: TokenOutcome;
  reason?: string;
}

export interface JobView {
  id: string;
  org: string;
  createdAt: number;
  phase: 'running' | 'waiting' | 'verifying' | 'done';
  total: number;
  revoked: number;
  failed: number;
  unconfirmed: number;
  /** Ids sent to GitHub so far. */
  sent: number;
  tokens: JobTokenView[];
  /** Set while the worker waits out a rate limit. */
  waitingUntil: number | null;
  message: string | null;
}

export interface OrgSummary {
  org: string;
  loadedAt: number | null;
  count: number;
}

export interface LogEntry {
  at: number;
  org: string;
  grantId: number;
  tokenId: number | null;
  tokenName: string;
  ownerLogin: string;
  outcome: 'revoked' | 'failed' | 'unconfirmed';
  reason: string | null;
  actor: string;
}

/** Every request the worker answers: its input and the data of a successful reply. */
export interface Protocol {
  'settings.get': { input: Record<string, never>; output: PublicSettings };
  'settings.save': {
    input: {
      mode: CredentialMode;
      clientId: string;
      apiBaseUrl: string;
      /** Omitted keeps the stored key. */
      privateKey?: string;
      secretStorage: 'encrypted' | 'session';
    };
    output: PublicSettings;
  };
  'connection.test': { input: { org: string }; output: ConnectionReport };
  'signin.start': { input: Record<string, never>; output: DeviceCodeView };
  'signin.poll': { input: Record<string, never>; output: DevicePollResult };
  signout: { input: Record<string, never>; output: PublicSettings };
  'grants.load': { input: { org: string; refresh: boolean }; output: LoadedGrants };
  'grants.progress': { input: { org: string }; output: LoadProgress };
  'grants.repositories': {
    input: { org: string; grantIds: number[] };
    output: Record<string, string[]>;
  };
  'revoke.start': { input: { org: string; grantIds: number[] }; output: JobView };
  'revoke.status': { input: { org: string | null }; output: JobView | null };
  'revoke.retryFailed': { input: { jobId: string }; output: JobView };
  'orgs.list': { input: Record<string, never>; output: OrgSummary[] };
  'orgs.cached': { input: Record<string, never>; output: LoadedGrants[] };
  'orgs.remove': { input: { org: string }; output: OrgSummary[] };
  'log.list': { input: Record<string, never>; output: LogEntry[] };
  'options.open': { input: Record<string, never>; output: null };
  'log.clear': { input: Record<string, never>; output: LogEntry[] };
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
