// What changed since the last review, "Mark reviewed", and the review history
// (PRODUCT.md "What changed", "Review history"). Marking reviewed writes the org's new
// baseline, so like every write it is accepted from extension pages only.
import { z } from 'zod';
import * as cache from '../../cache';
import { changesSinceReview } from '../../changes';
import { PatrolError } from '../../errors';
import type { ChangesView } from '../../protocol';
import { buildReview } from '../../review';
import { reviewCsv, reviewCsvFileName } from '../../review-csv';
import {
  addReview,
  latestReview,
  REVIEW_SNAPSHOTS_KEPT,
  readReviewSnapshot,
  readReviews,
} from '../../review-store';
import { writeSnapshot } from '../../snapshot-store';
import type { WorkerContext } from '../context';
import { readGrants } from '../grants-cache';
import { actorOf } from '../log';
import { define } from '../registry';
import { empty, org } from './schemas';

export function changesMessages({ credentials, now }: WorkerContext) {
  return {
    'changes.read': define('changes.read', {
      input: z.strictObject({ org }),
      senders: ['page'],
      handler: async ({ org }): Promise<ChangesView | null> => {
        await credentials.requireConfigured();
        const cached = await readGrants(org);
        if (!cached) return null;
        const changes = await changesSinceReview(org, cached);
        if (!changes) return null;
        const reviewed = await latestReview(org);
        return {
          org: cached.org,
          loadedAt: cached.loadedAt,
          baselineAt: changes.baseline.takenAt,
          // A review older than the baseline (sign-out dropped the snapshots since) is not what
          // the list is compared with.
          reviewedAt: reviewed && reviewed.at >= changes.baseline.takenAt ? reviewed.at : null,
          new: changes.diff.new,
          changed: changes.diff.changed,
          gone: changes.diff.gone.map(({ fields: _f, repositories: _r, ...token }) => token),
        };
      },
    }),
    'changes.review': define('changes.review', {
      input: z.strictObject({ org, loadedAt: z.number() }),
      senders: ['page'],
      action: 'record a review',
      handler: async ({ org, loadedAt }) => {
        await credentials.requireConfigured();
        const cached = await readGrants(org);
        if (!cached || cached.loadedAt !== loadedAt) {
          throw new PatrolError(
            'not_found',
            `The list of ${org} changed since it was shown. Review the reloaded list, then mark it reviewed.`,
          );
        }
        const changes = await changesSinceReview(org, cached);
        if (!changes)
          throw new PatrolError('not_found', `Load ${org}'s tokens before marking them reviewed.`);
        const record = await buildReview({
          org: cached.org,
          at: now(),
          // The reviewer as the log names who acted: the signed-in login, or "App {name}".
          reviewer: await actorOf(credentials),
          changes,
          log: await cache.readLog(),
          previous: await latestReview(org),
        });
        await addReview(record, changes.current);
        await writeSnapshot('baseline', changes.current);
        return record;
      },
    }),
    'reviews.list': define('reviews.list', { input: empty, senders: ['page'], handler: () => readReviews() }),
    'reviews.export': define('reviews.export', {
      input: z.strictObject({ id: z.string().max(120) }),
      senders: ['page'],
      handler: async ({ id }) => {
        const record = (await readReviews()).find((r) => r.id === id);
        if (!record) throw new PatrolError('not_found', 'That review is not in the history any more.');
        const snapshot = record.exportable ? await readReviewSnapshot(id) : undefined;
        if (!snapshot) {
          throw new PatrolError(
            'not_found',
            `PATrol keeps the list of the last ${REVIEW_SNAPSHOTS_KEPT} reviews of each organization; this one can no longer be exported.`,
          );
        }
        return { fileName: reviewCsvFileName(record), csv: reviewCsv(record, snapshot) };
      },
    }),
  };
}
