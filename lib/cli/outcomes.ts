// What a bulk action reports: each item's outcome (the engine's item states in the log's
// words), as CSV (the shared writer), JSON lines or a Markdown table with the panel's summary
// line (`Revoked {k} of {n} tokens`).
import { writeCsv } from '../csv-write';
import type { Job, JobItem } from '../jobs/job';
import type { Format } from './args';
import { count, mdTable, mdText } from './markdown';

export interface ActionWords {
  /** The id column: grant_id or request_id. */
  idColumn: string;
  /** The log's word for an applied item: revoked, approved, denied. */
  done: string;
  /** `Revoked`, `Approved`, `Denied`. */
  verb: string;
  /** `token` / `request`. */
  noun: string;
}

const outcomeOf = (item: JobItem, words: ActionWords): string =>
  item.state === 'done' ? words.done : item.state === 'sent' ? 'pending' : item.state;

export function outcomesText(job: Job, words: ActionWords, format: Format): string {
  const columns = ['org', words.idColumn, 'token_id', 'token_name', 'owner_login', 'outcome', 'reason'];
  if (format === 'csv') {
    const rows = job.items.map((item) => [
      job.org,
      String(item.id),
      item.tokenId === null ? '' : String(item.tokenId),
      item.name,
      item.owner,
      outcomeOf(item, words),
      item.reason ?? '',
    ]);
    return writeCsv(columns, rows);
  }
  if (format === 'json') {
    return job.items
      .map((item) => {
        const values = [
          job.org,
          item.id,
          item.tokenId,
          item.name,
          item.owner,
          outcomeOf(item, words),
          item.reason ?? null,
        ];
        return `${JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, values[i]])))}\n`;
      })
      .join('');
  }
  const done = job.items.filter((item) => item.state === 'done').length;
  const n = job.items.length;
  const title = `${words.verb} ${count(done)} of ${count(n)} ${words.noun}${n === 1 ? '' : 's'}`;
  const rows = job.items.map((item) => [
    mdText(item.name),
    mdText(item.owner),
    outcomeOf(item, words),
    mdText(item.reason ?? ''),
    String(item.id),
  ]);
  return `## ${title} in ${mdText(job.org)}\n\n${mdTable(['Token', 'Owner', 'Outcome', 'Reason', 'Id'], rows)}\n`;
}
