// Flags of each command, parsed strictly (node:util parseArgs): an unknown flag, a missing
// value or a stray word is a UsageError, which the entry turns into one line and exit 2.
import { parseArgs } from 'node:util';
import { isOrgLogin } from '../page';
import { UsageError } from './exit';

export const COMMANDS = ['audit', 'revoke', 'requests'] as const;
export type Command = (typeof COMMANDS)[number];
export const FORMATS = ['csv', 'json', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export interface AuditArgs {
  command: 'audit';
  orgs: string[];
  query: string;
  formats: Format[];
  out: string | null;
  failOn: string | null;
  repositories: boolean;
  policies: { name: string; query: string }[];
  /** Also list the org's SAML SSO credential authorizations (GitHub Enterprise Cloud). */
  sso: boolean;
}

export interface ActionArgs {
  command: 'revoke' | 'requests';
  org: string;
  query: string;
  format: Format;
  yes: boolean;
  journal: string | null;
  /** requests only: what to do with the matching requests (null: list them). */
  decision: 'approve' | 'deny' | null;
  reason: string | null;
}

export type Parsed = { command: Command | null; help: true } | AuditArgs | ActionArgs;

type Spec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

const COMMON: Spec = { org: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } };
const SPECS: Record<Command, Spec> = {
  audit: {
    ...COMMON,
    query: { type: 'string' },
    format: { type: 'string', multiple: true },
    out: { type: 'string' },
    'fail-on': { type: 'string' },
    'no-repos': { type: 'boolean' },
    policy: { type: 'string', multiple: true },
    sso: { type: 'boolean' },
  },
  revoke: {
    ...COMMON,
    query: { type: 'string' },
    format: { type: 'string' },
    yes: { type: 'boolean' },
    journal: { type: 'string' },
  },
  requests: {
    ...COMMON,
    query: { type: 'string' },
    format: { type: 'string' },
    yes: { type: 'boolean' },
    journal: { type: 'string' },
    approve: { type: 'boolean' },
    deny: { type: 'boolean' },
    reason: { type: 'string' },
  },
};

/** GitHub's limit on a request review's reason (and the panel's). */
export const MAX_REASON = 1024;

function format(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`unknown --format "${value}": use csv, json or md`);
}

function orgsOf(values: string[] | undefined, command: Command): string[] {
  const orgs = values ?? [];
  if (orgs.length === 0) throw new UsageError(`${command} needs --org ORG`);
  for (const org of orgs) {
    if (!isOrgLogin(org))
      throw new UsageError(`"${org}" is not an organization name (letters, digits and -)`);
  }
  return orgs;
}

function policy(value: string): { name: string; query: string } {
  const at = value.indexOf('=');
  if (at <= 0) throw new UsageError(`--policy takes NAME=QUERY, not "${value}"`);
  return { name: value.slice(0, at).trim(), query: value.slice(at + 1) };
}

/** Turns parseArgs' sentences (which suggest `--` tricks) into one plain line. */
function plain(error: unknown, command: Command): UsageError {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  const flag = /'(-[^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown flag ${flag} for ${command}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return new UsageError(message.replace(/\.$/, ''));
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new UsageError(`unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''} for ${command}`);
  }
  return new UsageError(message);
}

/**
 * `--query -owner:bot` is a query, not a flag: parseArgs refuses a value that starts with `-`,
 * so a string flag and the word after it are joined as `--query=-owner:bot` first.
 */
function joinValues(args: readonly string[], spec: Spec): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    const next = args[i + 1];
    if (name !== null && spec[name]?.type === 'string' && next !== undefined) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function parseCommandLine(argv: readonly string[]): Parsed {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { command: null, help: true };
  }
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}": use audit, revoke or requests`);
  }
  const command = first as Command;
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({
      args: joinValues(rest, SPECS[command]),
      options: SPECS[command],
      strict: true,
      allowPositionals: false,
    }).values as typeof values;
  } catch (error) {
    throw plain(error, command);
  }
  if (values.help) return { command, help: true };
  const str = (key: string) => values[key] as string | undefined;
  if (command === 'audit') {
    const formats = ((values.format as string[] | undefined) ?? ['csv']).map(format);
    const out = str('out') ?? null;
    if (formats.length > 1 && out === null) throw new UsageError('several --format values need --out DIR');
    if (values.sso && out === null && formats[0] !== 'md') {
      throw new UsageError(
        `--sso writes the SSO credentials beside the tokens ({org}-sso-credentials-….${formats[0] === 'json' ? 'jsonl' : 'csv'}): give --out DIR, or --format md`,
      );
    }
    return {
      command,
      orgs: orgsOf(values.org as string[] | undefined, command),
      query: str('query') ?? '',
      formats: [...new Set(formats)],
      out,
      failOn: str('fail-on') ?? null,
      repositories: !values['no-repos'],
      policies: ((values.policy as string[] | undefined) ?? []).map(policy),
      sso: values.sso === true,
    };
  }
  const orgs = orgsOf(values.org as string[] | undefined, command);
  if (orgs.length > 1) throw new UsageError(`${command} takes one --org; run it once per organization`);
  const query = str('query');
  if (command === 'revoke' && (query === undefined || query.trim() === '')) {
    throw new UsageError('revoke needs --query QUERY saying which tokens (for example --query "used:>90d")');
  }
  if (values.approve && values.deny) throw new UsageError('give --approve or --deny, not both');
  const decision = values.approve ? 'approve' : values.deny ? 'deny' : null;
  const reason = str('reason') ?? null;
  if (reason !== null && decision === null) throw new UsageError('--reason goes with --approve or --deny');
  if (reason !== null && reason.length > MAX_REASON) {
    throw new UsageError(`--reason is ${reason.length} characters; GitHub takes at most ${MAX_REASON}`);
  }
  if (command === 'requests' && values.yes && decision === null) {
    throw new UsageError('--yes needs --approve or --deny');
  }
  return {
    command,
    org: orgs[0] as string,
    query: query ?? '',
    format: format(str('format') ?? 'md'),
    yes: values.yes === true,
    journal: str('journal') ?? null,
    decision,
    reason,
  };
}
