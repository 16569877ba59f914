// "Mark reviewed" (PRODUCT.md "What changed"): asks first, naming what changed since the last
// review, then the worker records the review and the list becomes the new baseline.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { formatCount } from '../../lib/plural';
import { useStore } from '../use-store';
import type { PanelStore } from './store';

const when = (ms: number) => new Date(ms).toLocaleString();

export function ReviewBar({ store }: { store: PanelStore }) {
  const changes = useStore(store, (s) => (s.changes && s.changes.loadedAt === s.loadedAt ? s.changes : null));
  const review = useStore(store, (s) => s.review);
  const total = useStore(store, (s) => s.tokens.length);
  const org = store.getState().org;
  const cancel = useRef<HTMLButtonElement>(null);
  const asking = review.phase !== 'closed';
  useLayoutEffect(() => {
    // Cancel first: Enter on a fresh confirmation must not record a review.
    if (review.phase === 'confirm') cancel.current?.focus();
  }, [review.phase]);
  if (!changes) return null;
  const { sets } = changes;
  const since =
    changes.reviewedAt === null
      ? `the first load (${when(changes.baselineAt)})`
      : `the review of ${when(changes.reviewedAt)}`;
  return (
    <div class="patrol-review">
      {!asking && (
        <button
          type="button"
          class="patrol-button patrol-button-small"
          onClick={() => store.getState().openReview()}
        >
          Mark reviewed
        </button>
      )}
      {asking && (
        <div
          role="alertdialog"
          aria-labelledby="patrol-review-title"
          aria-describedby="patrol-review-text"
          class="patrol-review-confirm"
        >
          <p id="patrol-review-title" class="patrol-review-title">
            <strong>Mark {org} reviewed</strong>
          </p>
          <p id="patrol-review-text">
            Since {since}: {formatCount(sets.new.size)} new, {formatCount(sets.changed.size)} changed,{' '}
            {formatCount(sets.gone.size)} gone. The {formatCount(total)} tokens listed now become the
            baseline.
          </p>
          {review.error && (
            <p role="alert" class="patrol-danger">
              {review.error}
            </p>
          )}
          <button
            ref={cancel}
            type="button"
            class="patrol-button patrol-button-small"
            disabled={review.phase === 'saving'}
            onClick={() => store.getState().cancelReview()}
          >
            Cancel
          </button>{' '}
          <button
            type="button"
            class="patrol-button patrol-button-small"
            disabled={review.phase === 'saving'}
            onClick={() => void store.getState().confirmReview()}
          >
            Mark reviewed
          </button>
        </div>
      )}
      <p aria-live="polite" class="patrol-muted">
        {review.last
          ? `Reviewed by ${review.last.reviewer} on ${when(review.last.at)}: ${formatCount(review.last.counts.total)} tokens, ${formatCount(review.last.counts.revoked)} revoked since the previous review.`
          : ''}
      </p>
    </div>
  );
}
