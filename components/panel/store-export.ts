// Repository lists (for `repo:` and the CSV) and the audit CSV export.

import { benchMark } from '../../lib/bench-marks';
import { auditCsv, auditCsvFileName } from '../../lib/csv';
import { isGone } from '../../lib/gone';
import type { Token } from '../../lib/tokens';
import type { Kit, PanelActions, Task } from './state';

/** Ids per `grants.repositories` request: small enough for a live progress bar. */
const REPO_CHUNK = 40;

export function exportActions(
  kit: Kit,
): Pick<PanelActions, 'ensureRepositories' | 'buildExport' | 'cancelExport'> {
  const { get, update, deps, org } = kit;
  // One fetch at a time: a second caller waits, then fetches only what is still missing.
  let queue: Promise<unknown> = Promise.resolve();
  // The export in progress, if any: cancelling it stops its fetch before the next chunk.
  let exportRun = 0;
  let cancelledRun = -1;

  async function fetchMissing(
    tokens: readonly Token[],
    label: string,
    purpose: Task['purpose'],
    stillNeeded: () => boolean,
  ): Promise<boolean> {
    if (!stillNeeded()) return false;
    const have = get().repositories;
    const ids = tokens
      .filter((t) => t.repositorySelection === 'subset' && !have.has(t.grantId))
      .map((t) => t.grantId);
    if (ids.length === 0) return true;
    update({ task: { label, purpose, done: 0, total: ids.length } });
    for (let i = 0; i < ids.length; i += REPO_CHUNK) {
      if (kit.disposed()) return false;
      if (!stillNeeded()) {
        // What was fetched stays (a later `repo:` or CSV reuses it); the rest is not asked for.
        update({ task: null });
        return false;
      }
      const chunk = ids.slice(i, i + REPO_CHUNK);
      const reply = await deps.send('grants.repositories', { org, grantIds: chunk });
      if (!reply.ok) {
        update({ task: null, error: reply.error });
        return false;
      }
      const next = new Map(get().repositories);
      for (const id of chunk) next.set(id, reply.data[String(id)] ?? []);
      update({
        repositories: next,
        task: { label, purpose, done: Math.min(i + chunk.length, ids.length), total: ids.length },
      });
    }
    update({ task: null });
    // Lists now known can show a token's repositories changed since the review.
    void get().loadChanges();
    return true;
  }

  function ensureRepositories(
    tokens: readonly Token[],
    label: string,
    purpose: Task['purpose'] = 'export',
    stillNeeded: () => boolean = () => true,
  ): Promise<boolean> {
    const run = queue.then(() => fetchMissing(tokens, label, purpose, stillNeeded));
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    ensureRepositories,
    cancelExport() {
      if (!get().exporting) return;
      cancelledRun = exportRun;
      update({ exporting: false, task: get().task?.purpose === 'export' ? null : get().task });
    },
    async buildExport() {
      const { selection, sorted, shown } = get();
      // The selection when there is one (hidden or not), else every match, in table order.
      // Gone tokens (`is:gone`) are not in GitHub's list any more: the audit CSV leaves them out.
      const rows =
        selection.size > 0
          ? sorted.filter((t) => selection.has(t.grantId))
          : shown.all().filter((t) => !isGone(t));
      const run = ++exportRun;
      const live = () => cancelledRun !== run && !kit.disposed();
      update({ error: null, exporting: true });
      const fetched = await ensureRepositories(rows, 'Fetching repositories for the CSV', 'export', live);
      if (!live()) return null;
      update({ exporting: false });
      if (!fetched) return null;
      const repositories = get().repositories;
      const now = deps.now();
      // The CSV's own cost, without any repository fetch.
      benchMark('patrol:csv:start');
      const csv = auditCsv(
        rows.map((token) => ({
          token,
          repositories:
            token.repositorySelection === 'subset' ? (repositories.get(token.grantId) ?? null) : null,
        })),
        org,
        now,
      );
      benchMark('patrol:csv:end');
      return { fileName: auditCsvFileName(org, now), csv };
    },
  };
}
