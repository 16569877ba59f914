// The requests panel store's state (PRODUCT.md "Pending requests").
import type { ParsedQuery } from '../../lib/filter/parse';
import type { send } from '../../lib/messaging';
import type { Watch } from '../../lib/progress';
import type { JobItemView, JobSummary, ReplyError, ReviewKind } from '../../lib/protocol';
import type { TokenRequest } from '../../lib/token-requests';

export interface RequestsDeps {
  send: typeof send;
  watch: Watch;
  now: () => number;
}

export type RequestsStatus =
  | 'starting'
  | 'not-configured'
  | 'locked'
  | 'loading'
  | 'missing-permission'
  | 'error'
  | 'ready';

export interface RequestsData {
  org: string;
  status: RequestsStatus;
  lock?: 'locked' | 'setup';
  error: ReplyError | null;
  loading: boolean;
  loadedAt: number | null;
  requests: TokenRequest[];
  query: string;
  parsed: ParsedQuery;
  /** The requests matching the filter, newest first: the table's rows. */
  shown: TokenRequest[];
  selection: ReadonlySet<number>;
  anchorId: number | null;
  /** Request id → full names of the repositories it asks for, once fetched. */
  repositories: ReadonlyMap<number, readonly string[]>;
  /** The request whose details are open. */
  details: number | null;
  /** Which review the dialog confirms, or the job it follows. */
  dialog: 'closed' | ReviewKind | 'job';
  job: JobSummary | null;
  jobOutcomes: JobItemView[] | null;
  jobShown: boolean;
}

export interface RequestsActions {
  start(): Promise<void>;
  load(refresh: boolean): Promise<void>;
  unlock(passphrase: string, confirm?: string): Promise<ReplyError | null>;
  setQuery(text: string): void;
  clickRow(id: number, shift: boolean): void;
  toggleAllMatching(): void;
  openDetails(id: number | null): void;
  /** Fetches the repository lists of `subset` requests among `ids`; false on failure. */
  ensureRepositories(ids: readonly number[]): Promise<boolean>;
  buildExport(): Promise<{ fileName: string; csv: string } | null>;
  openReview(kind: ReviewKind): void;
  closeDialog(): void;
  /** Starts the review of exactly `ids` (what the dialog listed) with the owner's reason. */
  confirmReview(kind: ReviewKind, ids: number[], reason: string): Promise<void>;
  retryFailed(): Promise<void>;
  dismissJob(): void;
  now(): number;
  dispose(): void;
}

export type RequestsState = RequestsData & RequestsActions;
