// Issue 13 item 3: the summary buttons, `{label} {count}`, one click to apply.
import { cleanup, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ReviewBar } from '../../components/panel/ReviewBar';
import { Summary } from '../../components/panel/Summary';
import { makeToken, perm } from '../lib/token-factory';
import { countRenders } from '../support/render-count';
import { manyTokens, NOW, renderPanel } from './panel-fixtures';

afterEach(cleanup);
const DAY = 86_400_000;

const tokens = [
  // high risk, never expires, used yesterday
  makeToken({
    permissions: [perm('repository', 'secrets', 'write')],
    expiresAt: null,
    lastUsedAt: new Date(NOW - DAY),
  }),
  // expiring in 3 days, never used
  makeToken({ expiresAt: new Date(NOW + 3 * DAY), lastUsedAt: null }),
  // expired, last used 100 days ago
  makeToken({ expiresAt: new Date(NOW - 2 * DAY), expired: true, lastUsedAt: new Date(NOW - 100 * DAY) }),
  // read-only, expires in a year, used today
  makeToken({ expiresAt: new Date(NOW + 365 * DAY), lastUsedAt: new Date(NOW - 3_600_000) }),
];

describe('the summary', () => {
  it('counts each preset', async () => {
    await renderPanel(tokens);
    const summary = screen.getByRole('list', { name: 'Summary' });
    expect(summary).toBeTruthy();
    for (const name of [
      'High risk 1',
      'Never expires 1',
      'Expiring in 7 days 1',
      'Unused 90 days 2',
      'Expired 1',
    ])
      expect(screen.getByRole('button', { name })).toBeTruthy();
  });

  it('applies a preset with one click, and a second click clears it', async () => {
    const user = userEvent.setup();
    await renderPanel(tokens);
    const button = screen.getByRole('button', { name: 'Unused 90 days 2' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await user.click(button);
    expect((screen.getByRole('textbox', { name: 'Filter tokens' }) as HTMLInputElement).value).toBe(
      'used:>90d',
    );
    expect(screen.getByRole('status').textContent).toBe('2 of 4 tokens');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await user.click(button);
    expect(screen.getByRole('status').textContent).toBe('4 of 4 tokens');
  });

  it('does not re-render on a keystroke: only a button whose pressed state flips does', async () => {
    const user = userEvent.setup();
    await renderPanel(tokens);
    const button = screen.getByRole('button', { name: 'Unused 90 days 2' });
    const renders = countRenders(Summary, ReviewBar);
    try {
      await user.type(screen.getByRole('textbox', { name: 'Filter tokens' }), 'used:>90d');
      expect(screen.getByRole('status').textContent).toBe('2 of 4 tokens');
      expect(button.getAttribute('aria-pressed')).toBe('true');
      expect(renders.count(Summary)).toBe(0);
      expect(renders.count(ReviewBar)).toBe(0);
    } finally {
      renders.stop();
    }
  });

  it('writes counts with thousands separators', async () => {
    await renderPanel(manyTokens(1516).map((t) => ({ ...t, expiresAt: null })));
    expect(screen.getByRole('button', { name: 'Never expires 1,516' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Expired 0' })).toBeTruthy();
  });
});
