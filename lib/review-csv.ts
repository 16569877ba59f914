// "Export review" (PRODUCT.md "Review history"): every token of a review, `kept` (listed when
// reviewed: the reviewed snapshot) or `revoked` (revoked since the previous review), then the
// snapshot's SHA-256 in the last line. Written like every PATrol CSV (lib/csv-write).
// An auditor recomputes the digest from the `kept` rows (README "What changed").
import { writeCsv } from './csv-write';
import type { ReviewRecord } from './review';
import { isoOrEmpty, type Snapshot } from './snapshot';

export const REVIEW_COLUMNS = [
  'org',
  'grant_id',
  'token_id',
  'token_name',
  'owner_login',
  'owner_id',
  'repository_selection',
  'token_expires_at',
  'fields_digest',
  'repositories_digest',
  'decision',
  'reviewer',
  'reviewed_at',
] as const;

/** The first cell of the last line; the digest is the second. */
export const DIGEST_LABEL = 'snapshot_sha256';

export function reviewCsv(record: ReviewRecord, snapshot: Snapshot): string {
  const reviewedAt = new Date(record.at).toISOString();
  const tail = [record.reviewer, reviewedAt];
  const kept = [...snapshot.entries]
    .sort((a, b) => a.grantId - b.grantId)
    .map((e) => [
      record.org,
      String(e.grantId),
      e.tokenId === null ? '' : String(e.tokenId),
      e.tokenName,
      e.ownerLogin,
      String(e.ownerId),
      e.repositorySelection,
      isoOrEmpty(e.expiresAt),
      e.fields,
      e.repositories ?? '',
      'kept',
      ...tail,
    ]);
  // What the log knows of a revoked token: its ids, name and owner.
  const revoked = record.revoked.map((t) => [
    record.org,
    String(t.grantId),
    t.tokenId === null ? '' : String(t.tokenId),
    t.tokenName,
    t.ownerLogin,
    '',
    '',
    '',
    '',
    '',
    'revoked',
    ...tail,
  ]);
  // The digest line has as many cells as the others, so every record has the same shape.
  const digestLine = [DIGEST_LABEL, record.digest, ...Array(REVIEW_COLUMNS.length - 2).fill('')];
  return writeCsv(REVIEW_COLUMNS, [...kept, ...revoked, digestLine]);
}

export function reviewCsvFileName(record: Pick<ReviewRecord, 'org' | 'at'>): string {
  return `${record.org}-review-${new Date(record.at).toISOString().slice(0, 10)}.csv`;
}
