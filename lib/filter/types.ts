// The parsed form of a filter query. Terms keep their offsets in the input so the UI can
// highlight them and the editing helpers can rewrite the box without disturbing the rest.
import type { RiskLevel } from '../risk';
import type { RepositorySelection } from '../tokens';

export type Comparator = '<' | '<=' | '>' | '>=';
export type DurationUnit = 'd' | 'w' | 'm' | 'y';
export type PermLevel = 'read' | 'write' | 'admin';
/** `new`, `changed`, `gone`: against the org's review baseline (PRODUCT.md "What changed"). */
export type IsValue = 'expired' | 'active' | 'selected' | 'new' | 'changed' | 'gone';

/** A relative duration (`<30d`) or a whole UTC day (`>2026-01-01`, or `2026-01-01` = on it). */
export type TimeComparison =
  | { kind: 'relative'; op: Comparator; amount: number; unit: DurationUnit; ms: number }
  | { kind: 'date'; op: Comparator | '='; date: string; dayStart: number };

export type TimeValue = TimeComparison | { kind: 'never' };

interface TermBase {
  negated: boolean;
  /** Offsets of the whole term in the input, `-` included; end is exclusive. */
  start: number;
  end: number;
}

export interface TextTerm extends TermBase {
  type: 'text';
  value: string;
}
export interface OwnerTerm extends TermBase {
  type: 'owner';
  value: string;
}
export interface NameTerm extends TermBase {
  type: 'name';
  value: string;
}
export interface RepoTerm extends TermBase {
  type: 'repo';
  /** The ORG of `repo:ORG/NAME`, null for `repo:NAME`. */
  org: string | null;
  name: string;
}
export interface PermTerm extends TermBase {
  type: 'perm';
  /** Lower case, `-` read as `_` (`pull-requests` = `pull_requests`). */
  name: string;
  level: PermLevel | null;
}
export interface AccessTerm extends TermBase {
  type: 'access';
  value: RepositorySelection;
}
export interface ExpiresTerm extends TermBase {
  type: 'expires';
  value: TimeValue;
}
export interface UsedTerm extends TermBase {
  type: 'used';
  value: TimeValue;
}
export interface GrantedTerm extends TermBase {
  type: 'granted';
  value: TimeComparison;
}
/** Pending requests only: the requester's free-text reason contains it. */
export interface ReasonTerm extends TermBase {
  type: 'reason';
  value: string;
}
/** Pending requests only: when the request was made. */
export interface RequestedTerm extends TermBase {
  type: 'requested';
  value: TimeComparison;
}
export interface IsTerm extends TermBase {
  type: 'is';
  value: IsValue;
}
/** The token owner's membership in the org: `no` (not a member), `yes` (owners too), `owner`. */
export interface MemberTerm extends TermBase {
  type: 'member';
  value: MemberValue;
}
export type MemberValue = 'no' | 'yes' | 'owner';
export interface RiskTerm extends TermBase {
  type: 'risk';
  value: RiskLevel;
}

export type Term =
  | TextTerm
  | OwnerTerm
  | NameTerm
  | RepoTerm
  | PermTerm
  | AccessTerm
  | ExpiresTerm
  | UsedTerm
  | GrantedTerm
  | ReasonTerm
  | RequestedTerm
  | IsTerm
  | RiskTerm
  | MemberTerm;

export type Qualifier = Exclude<Term['type'], 'text'>;

export const QUALIFIERS: readonly Qualifier[] = [
  'owner',
  'name',
  'repo',
  'perm',
  'access',
  'expires',
  'used',
  'granted',
  'reason',
  'requested',
  'is',
  'risk',
  'member',
];

export interface QueryError {
  message: string;
  /** Character offsets into the input; end is exclusive. */
  start: number;
  end: number;
}

export interface ParsedQuery {
  terms: Term[];
  errors: QueryError[];
}
