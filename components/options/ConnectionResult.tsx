import type { ConnectionReport, ReplyError } from '../../lib/protocol';

export function ConnectionResult(props: {
  testing: boolean;
  report: ConnectionReport | null;
  error: ReplyError | null;
}) {
  const { testing, report, error } = props;
  let text = '';
  if (testing) text = 'Testing…';
  else if (error) text = error.message;
  else if (report) {
    const grants = Object.entries(report.permissions)
      .map(([name, level]) => `${name}: ${level}`)
      .join(', ');
    text =
      report.problems.length === 0
        ? `Connected to ${report.org} as ${report.identity}: installation ${report.installationId} with ${grants}. PATrol can list and revoke tokens.`
        : `Connected as ${report.identity}${report.installationId ? ` (installation ${report.installationId}: ${grants || 'no permissions'})` : ''}, but: ${report.problems.join(' ')}`;
    if (report.notes?.length) text += ` ${report.notes.join(' ')}`;
  }
  return (
    <p role="status" aria-label="Connection result" class={error || report?.problems.length ? 'error' : 'ok'}>
      {text}
    </p>
  );
}
