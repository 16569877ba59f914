// The pending requests a `patrol requests` run lists (or would approve or deny): the requests
// CSV (lib/requests-csv.ts), JSON lines of the main fields, or a Markdown table.
import { requestsCsv } from '../requests-csv';
import { riskOf } from '../risk';
import type { TokenRequest } from '../token-requests';
import type { Format } from './args';
import { count, mdTable, mdText } from './markdown';

const COLUMNS = [
  'org',
  'request_id',
  'token_id',
  'token_name',
  'owner_login',
  'risk',
  'requested_at',
  'reason',
];
const time = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function values(org: string, r: TokenRequest, now: number): (string | number | null)[] {
  return [
    org,
    r.grantId,
    r.tokenId,
    r.tokenName,
    r.ownerLogin,
    riskOf(r, now),
    time(r.requestedAt),
    r.reason,
  ];
}

export function requestListText(
  org: string,
  requests: readonly TokenRequest[],
  decision: 'approve' | 'deny' | null,
  format: Format,
  now: number,
): string {
  // The requests panel's CSV, byte for byte (repositories are not fetched here: left empty).
  if (format === 'csv')
    return requestsCsv(
      requests.map((request) => ({ request, repositories: null })),
      org,
      now,
    );
  if (format === 'json') {
    return requests
      .map((r) => {
        const cells = values(org, r, now);
        return `${JSON.stringify(Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]])))}\n`;
      })
      .join('');
  }
  const verb = decision === null ? 'Pending:' : decision === 'approve' ? 'Would approve' : 'Would deny';
  const title = `## ${verb} ${count(requests.length)} request${requests.length === 1 ? '' : 's'} in ${mdText(org)}`;
  if (requests.length === 0) return `${title}\n`;
  const rows = requests.map((r) => [
    mdText(r.tokenName),
    mdText(r.ownerLogin),
    riskOf(r, now),
    r.requestedAt?.toISOString().slice(0, 10) ?? '—',
    mdText(r.reason ?? ''),
    String(r.grantId),
  ]);
  return `${title}\n\n${mdTable(['Token', 'Owner', 'Risk', 'Requested', 'Reason', 'Request id'], rows)}\n`;
}
