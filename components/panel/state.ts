// The panel store's state shape and the plumbing shared by its action modules.
import type { ChangeSets } from '../../lib/filter/evaluate';
import type { ParsedQuery } from '../../lib/filter/parse';
import type { MemberRole, MembersView } from '../../lib/members';
import type { send } from '../../lib/messaging';
import type { Policy } from '../../lib/policies';
import type { Watch } from '../../lib/progress';
import type { JobItemView, JobSummary, ReplyError } from '../../lib/protocol';
import type { ReviewRecord } from '../../lib/review';
import type { Token } from '../../lib/tokens';
import type { Derived } from './derive';
import type { Sort, SortKey } from './sort';

export interface PanelDeps {
  send: typeof send;
  /** The owner's policies (lib/policies-item.ts): one summary button each. */
  policies?: () => Promise<Policy[]>;
  /** Pushed progress of loads and jobs (lib/progress.ts). */
  watch: Watch;
  now: () => number;
}

export type PanelStatus = 'starting' | 'not-configured' | 'locked' | 'loading' | 'error' | 'ready';

/** A long step with a progress bar: fetching repositories (for `repo:` or the CSV). */
export interface Task {
  label: string;
  /** Why: the `repo:` filter (holds "Select all matching") or the CSV (can be cancelled). */
  purpose: 'filter' | 'export' | 'details';
  done: number;
  total: number;
}

/** What changed since the org's review baseline (PRODUCT.md "What changed"). */
export interface PanelChanges {
  /** The list these were computed for: they apply only while it is the one shown. */
  loadedAt: number;
  baselineAt: number;
  reviewedAt: number | null;
  sets: ChangeSets;
  /** Rows for `is:gone`, from the baseline's snapshot (lib/gone.ts). */
  gone: Token[];
}

/** "Mark reviewed": closed, asking for confirmation, or being recorded; the last one recorded. */
export interface ReviewState {
  phase: 'closed' | 'confirm' | 'saving';
  error: string | null;
  last: ReviewRecord | null;
}

export interface PanelData extends Derived {
  org: string;
  status: PanelStatus;
  /** Set with status "locked": whether a passphrase is still to be chosen. */
  lock?: 'locked' | 'setup';
  /** Why the panel is in the error state, or why the last reload / export failed. */
  error: ReplyError | null;
  /** Set while `grants.load` is pending (first load or Reload). */
  progress: { loaded: number; total: number | null } | null;
  loadedAt: number | null;
  /** GitHub's web host (github.com, or a GHES host), for links to GitHub's own pages. */
  webHost: string;
  tokens: Token[];
  query: string;
  parsed: ParsedQuery;
  sort: Sort | null;
  selection: ReadonlySet<number>;
  /** The last row clicked without shift: one end of a shift-click range. */
  anchorId: number | null;
  repositories: ReadonlyMap<number, readonly string[]>;
  task: Task | null;
  /** Set from "Export" until the file is built or the export is cancelled. */
  exporting: boolean;
  job: JobSummary | null;
  /** Once the job is done: the items that did not end revoked (failed, unconfirmed, not sent). */
  jobOutcomes: JobItemView[] | null;
  /** Whether the job (progress or summary) is shown in the panel; dismissing hides it. */
  jobShown: boolean;
  dialog: 'closed' | 'confirm' | 'job';
  /** The grant whose "Token details" are open. */
  details: number | null;
  policies: Policy[];
  /** The org's membership as the worker read it (null until read). */
  members: MembersView | null;
  /** Its roles by lower-cased login, for the filter; null while unknown. */
  memberRoles: ReadonlyMap<string, MemberRole> | null;
  changes: PanelChanges | null;
  review: ReviewState;
}

export interface PanelActions {
  /** Reads the settings, loads the grants (cached first) and resumes any running revocation. */
  start(): Promise<void>;
  load(refresh: boolean): Promise<void>;
  /** Unlocks the stored credential (extension pages only), then starts; resolves to the error. */
  unlock(passphrase: string, confirm?: string): Promise<ReplyError | null>;
  setQuery(text: string): void;
  sortBy(key: SortKey): void;
  /** A row checkbox click; with shift, sets the range from the anchor row to this one. */
  clickRow(grantId: number, shift: boolean): void;
  /** Selects every matching token, or unselects them when all already are. */
  toggleAllMatching(): void;
  clearSelection(): void;
  /**
   * Fetches repository lists of the `subset` tokens among `tokens`; false on failure, or when
   * `stillNeeded` says no before a chunk (nobody needs the rest any more).
   */
  ensureRepositories(
    tokens: readonly Token[],
    label: string,
    purpose?: Task['purpose'],
    stillNeeded?: () => boolean,
  ): Promise<boolean>;
  /** The audit CSV of the selection (or of every match), repositories fetched first. */
  buildExport(): Promise<{ fileName: string; csv: string } | null>;
  /** Stops an export still fetching repositories: no file is built. */
  cancelExport(): void;
  /** Opens "Token details" for a grant, fetching its repository list when it has one. */
  openDetails(grantId: number): void;
  closeDetails(): void;
  openRevoke(): void;
  closeDialog(): void;
  /** Starts revoking exactly `grantIds` (what the dialog listed). */
  confirmRevoke(grantIds: number[]): Promise<void>;
  retryFailed(): Promise<void>;
  dismissJob(): void;
  /** Shows a revocation still running for this org (it survives closed tabs) and follows it. */
  resumeJob(): Promise<void>;
  /** Asks the worker what changed since the review, for the list shown. */
  loadChanges(): Promise<void>;
  openReview(): void;
  cancelReview(): void;
  /** Records the review of the list shown (the worker refuses another list), then reloads the changes. */
  confirmReview(): Promise<void>;
  /** The clock the store filters with, for views that show relative facts (expired). */
  now(): number;
  /** Reads the policies and the org's membership (after a load; `refresh` asks GitHub again). */
  loadAudit(refresh: boolean): Promise<void>;
  /** Stops every poll; the store is not used afterwards. */
  dispose(): void;
}

export type PanelState = PanelData & PanelActions;

/** What action modules get: the state, a derived-aware update, and the deps. */
export interface Kit {
  get: () => PanelState;
  update: (partial: Partial<PanelData>) => void;
  deps: PanelDeps;
  org: string;
  disposed: () => boolean;
  /** Fetches what the `repo:` filter needs, until no query needs it (set by the store). */
  fetchForFilter?: () => void;
}
