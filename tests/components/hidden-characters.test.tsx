// Names with invisible or direction-changing characters carry a visible mark whose
// sentence is text in place (read by screen readers), wherever a list of tokens appears:
// the table (panel-table.test.tsx), the revocation dialog and the job's lists.
import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { JobStatus } from '../../components/panel/JobStatus';
import type { JobItemView, JobSummary } from '../../lib/protocol';
import { makeToken } from '../lib/token-factory';
import { renderPanel } from './panel-fixtures';

afterEach(cleanup);

const SENTENCE = 'Contains invisible or direction-changing characters';

describe('the invisible-character mark', () => {
  it('marks the name and the owner in the revocation dialog, and only those', async () => {
    const user = userEvent.setup();
    const tokens = [
      makeToken({ tokenName: 'dep\u{E0064}loy', ownerLogin: 'alice' }),
      makeToken({ tokenName: 'plain', ownerLogin: 'mal\u3164lory' }),
      makeToken({ tokenName: 'clean', ownerLogin: 'bob' }),
    ];
    await renderPanel(tokens);
    await user.click(screen.getByRole('checkbox', { name: 'Select all matching' }));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = screen.getByRole('dialog');
    const items = within(within(dialog).getByRole('list', { name: 'Tokens to revoke' })).getAllByRole(
      'listitem',
    );
    // The item's first line (name by owner); the second line holds access, risk and last use.
    const text = (name: string) =>
      items.find((li) => li.textContent?.startsWith(name))?.querySelector('.patrol-revoke-name')?.textContent;
    expect(text('dep\u{E0064}loy')).toBe(`dep\u{E0064}loy⚠${SENTENCE}: U+E0064 by alice`);
    expect(text('plain')).toBe(`plain by mal\u3164lory⚠${SENTENCE}: U+3164`);
    expect(text('clean')).toBe('clean by bob');
  });

  it("marks names and owners in the job's lists", () => {
    const job: JobSummary = {
      id: 'job-1',
      kind: 'revoke',
      org: 'acme',
      createdAt: 0,
      phase: 'done',
      total: 2,
      done: 0,
      failed: 2,
      unconfirmed: 0,
      sent: 2,
      waitingUntil: null,
      message: null,
    };
    const outcomes: JobItemView[] = [
      { id: 1, name: 'ci\u2028', owner: 'alice', state: 'failed', reason: 'Not Found' },
      { id: 2, name: 'ci', owner: 'b\u034Fob', state: 'failed', reason: 'Not Found' },
    ];
    render(<JobStatus job={job} outcomes={outcomes} onRetry={() => {}} />);
    const [first, second] = within(screen.getByRole('list', { name: 'Failed' })).getAllByRole('listitem');
    expect(first?.textContent).toBe(`ci\u2028⚠${SENTENCE}: U+2028 by alice: Not Found`);
    expect(second?.textContent).toBe(`ci by b\u034Fob⚠${SENTENCE}: U+034F: Not Found`);
  });
});
