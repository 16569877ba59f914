import { useState } from 'preact/hooks';
import { countOf } from '../../lib/plural';
import type { LogEntry } from '../../lib/protocol';

const SHOWN = 200;

export function RevocationLog(props: { entries: LogEntry[]; onExport: () => void; onClear: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const newest = props.entries.slice(-SHOWN).reverse();
  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Revocation log</h2>
      <p>
        {countOf(props.entries.length, 'entry', 'entries')}, kept on this computer.
        {props.entries.length > SHOWN && ` The newest ${SHOWN} are shown; export for all.`}
      </p>
      <button type="button" onClick={props.onExport} disabled={props.entries.length === 0}>
        Export log CSV
      </button>{' '}
      {confirming ? (
        <fieldset aria-label="Confirm clearing the log" class="inline">
          Delete{' '}
          {props.entries.length === 1
            ? 'the 1 entry'
            : `all ${countOf(props.entries.length, 'entry', 'entries')}`}
          ? This cannot be undone.{' '}
          <button
            type="button"
            onClick={() => {
              props.onClear();
              setConfirming(false);
            }}
          >
            Delete the log
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </fieldset>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} disabled={props.entries.length === 0}>
          Clear log
        </button>
      )}
      <table aria-label="Revocation log">
        <thead>
          <tr>
            <th>When</th>
            <th>Org</th>
            <th>Token</th>
            <th>Owner</th>
            <th>Outcome</th>
            <th>By</th>
          </tr>
        </thead>
        <tbody>
          {newest.map((entry) => (
            <tr key={`${entry.at}-${entry.grantId}`}>
              <td>{new Date(entry.at).toLocaleString()}</td>
              <td>{entry.org}</td>
              <td dir="auto" class="isolate">
                {entry.tokenName}
              </td>
              <td dir="auto" class="isolate">
                {entry.ownerLogin}
              </td>
              <td>
                {entry.outcome}
                {entry.reason ? `: ${entry.reason}` : ''}
              </td>
              <td>{entry.actor}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
