// The review history (PRODUCT.md "Review history"): every "Mark reviewed" with org, time,
// reviewer and counts, and "Export review": the evidence CSV of that review, built by the
// worker from the snapshot it recorded.
import { useEffect, useState } from 'preact/hooks';
import type { send as sendMessage } from '../../lib/messaging';
import { countOf, formatCount } from '../../lib/plural';
import type { ReviewRecord } from '../../lib/review';
import { blobDownload, type Download } from '../download';

export interface ReviewHistoryProps {
  send: typeof sendMessage;
  download?: Download;
}

const countsText = ({ counts }: ReviewRecord) =>
  `${formatCount(counts.total)} tokens: ${formatCount(counts.new)} new, ${formatCount(counts.changed)} changed, ${formatCount(counts.gone)} gone, ${formatCount(counts.revoked)} revoked`;

export function ReviewHistory({ send, download = blobDownload }: ReviewHistoryProps) {
  const [reviews, setReviews] = useState<ReviewRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void send('reviews.list', {}).then((reply) => {
      if (reply.ok) setReviews(reply.data);
      else setError(reply.error.message);
    });
  }, [send]);

  async function exportReview(record: ReviewRecord, parent: Element) {
    setError(null);
    const reply = await send('reviews.export', { id: record.id });
    if (!reply.ok) {
      setError(reply.error.message);
      return;
    }
    download(reply.data.fileName, reply.data.csv, parent);
  }

  return (
    <section aria-labelledby="reviews-heading" class="patrol-reviews">
      <h2 id="reviews-heading">Review history</h2>
      {reviews === null && !error && <p>Loading the review history…</p>}
      {reviews !== null && (
        <p>
          {reviews.length === 0
            ? 'No review yet. In the panel, "Mark reviewed" records one.'
            : `${countOf(reviews.length, 'review', 'reviews')}, kept on this computer.`}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {reviews !== null && reviews.length > 0 && (
        <table aria-label="Review history">
          <thead>
            <tr>
              <th>Org</th>
              <th>When</th>
              <th>Reviewer</th>
              <th>Counts</th>
              <th>Evidence</th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((record) => (
              <tr key={record.id}>
                <td>{record.org}</td>
                <td>
                  <time dateTime={new Date(record.at).toISOString()}>
                    {new Date(record.at).toLocaleString()}
                  </time>
                </td>
                <td dir="auto" class="isolate">
                  {record.reviewer}
                </td>
                <td>{countsText(record)}</td>
                <td>
                  <button
                    type="button"
                    disabled={!record.exportable}
                    title={
                      record.exportable
                        ? `SHA-256 ${record.digest}`
                        : 'Only the last reviews of each org can be exported'
                    }
                    onClick={(event) => void exportReview(record, event.currentTarget.ownerDocument.body)}
                  >
                    Export review
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
