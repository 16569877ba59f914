// What one table row shows, computed once per token and minute rather than on every render:
// a keystroke at 50,000 tokens puts other tokens in the rows in view, and tokens come back
// as the owner types on, each of them with a risk, its reasons, a sorted permission list
// and three relative dates (Intl) to format. The row (TokenRow.tsx) only lays these out.
import { isGone } from '../../lib/gone';
import { absoluteTime, relativeTime } from '../../lib/relative-time';
import { type RiskLevel, riskOf, riskReasons } from '../../lib/risk';
import { invisibleCharactersLabel } from '../../lib/text';
import { isExpired, type Token } from '../../lib/tokens';
import { ACCESS_LABEL, permissionsText, RISK_LABEL, tokenLabel } from './format';

/** GitHub-controlled text, and the sentence of its HiddenMark (null when there is none). */
export interface TextModel {
  value: string;
  hidden: string | null;
}

/** A date as the row shows it: relative text, the absolute time (title) and the ISO instant. */
export interface DateModel {
  text: string;
  title: string;
  iso: string;
}

export interface RowModel {
  /** The minute (epoch ms) the relative dates, risk and expiry were computed for. */
  time: number;
  name: TextModel;
  owner: TextModel;
  /** `Select {name} by {owner}`. */
  checkLabel: string;
  access: string;
  risk: RiskLevel;
  /** The risk label and its reasons, one a line. */
  riskTitle: string;
  permissions: TextModel;
  gone: boolean;
  expired: boolean;
  expires: DateModel | null;
  lastUsed: DateModel | null;
  granted: DateModel | null;
}

const text = (value: string): TextModel => ({ value, hidden: invisibleCharactersLabel(value) });

function date(at: Date | null, time: number, prefix = ''): DateModel | null {
  if (!at) return null;
  return { text: `${prefix}${relativeTime(at, time)}`, title: absoluteTime(at), iso: at.toISOString() };
}

export function buildRowModel(token: Token, time: number): RowModel {
  const name = tokenLabel(token);
  const risk = riskOf(token, time);
  const expired = isExpired(token, time);
  const gone = isGone(token);
  const permissions = permissionsText(token);
  return {
    time,
    name: text(name),
    owner: text(token.ownerLogin),
    checkLabel: `Select ${name} by ${token.ownerLogin}`,
    access: ACCESS_LABEL[token.repositorySelection],
    risk,
    riskTitle: [RISK_LABEL[risk], ...riskReasons(token, time)].join('\n'),
    permissions: text(gone ? 'Not listed any more' : permissions || 'No permissions'),
    gone,
    expired,
    expires: date(token.expiresAt, time, expired ? 'Expired ' : ''),
    lastUsed: date(token.lastUsedAt, time),
    granted: date(token.grantedAt, time),
  };
}

const models = new WeakMap<Token, RowModel>();

/** The token's row at `time` (a whole minute), from the cache while the minute holds. */
export function rowModel(token: Token, time: number): RowModel {
  const cached = models.get(token);
  if (cached && cached.time === time) return cached;
  const model = buildRowModel(token, time);
  models.set(token, model);
  return model;
}
