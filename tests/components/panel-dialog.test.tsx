import { cleanup, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobTokenView, JobView } from '../../lib/protocol';
import type { Token } from '../../lib/tokens';
import { type Handlers, manyTokens, ORG, renderPanel } from './panel-fixtures';

afterEach(cleanup);

function jobOf(
  tokens: Token[],
  phase: JobView['phase'],
  states: JobTokenView['state'][],
  reasons: string[] = [],
): JobView {
  const views = tokens.map((t, i) => ({
    grantId: t.grantId,
    tokenName: t.tokenName,
    ownerLogin: t.ownerLogin,
    state: states[i] ?? 'pending',
    ...(reasons[i] ? { reason: reasons[i] } : {}),
  }));
  const count = (s: JobTokenView['state']) => views.filter((v) => v.state === s).length;
  return {
    id: 'job-1',
    org: ORG,
    createdAt: 0,
    phase,
    total: views.length,
    revoked: count('revoked'),
    failed: count('failed'),
    unconfirmed: count('unconfirmed'),
    sent: views.length - count('pending'),
    tokens: views,
    waitingUntil: null,
    message: null,
  };
}

/** A worker that revokes the first two tokens and fails the third; a retry revokes it. */
function revokingWorker(all: Token[], picked: Token[]): Handlers {
  let statuses: JobView[] = [];
  let live = all;
  return {
    'grants.load': ({ org }) => ({
      org,
      tokens: live.map((t) => ({ ...t, grantedAt: null, expiresAt: null, lastUsedAt: null })),
      loadedAt: 1,
    }),
    'revoke.start': () => {
      statuses = [
        jobOf(picked, 'verifying', ['sent', 'sent', 'failed'], ['', '', 'Not Found']),
        jobOf(picked, 'done', ['revoked', 'revoked', 'failed'], ['', '', 'Not Found']),
      ];
      live = all.filter((t) => t !== picked[0] && t !== picked[1]);
      return jobOf(picked, 'running', ['pending', 'pending', 'pending']);
    },
    'revoke.status': () => statuses.shift() ?? jobOf(picked, 'done', ['revoked', 'revoked', 'revoked']),
    'revoke.retryFailed': () => {
      statuses = [jobOf(picked, 'done', ['revoked', 'revoked', 'revoked'])];
      live = all.filter((t) => !picked.includes(t));
      return jobOf(picked, 'running', ['revoked', 'revoked', 'pending']);
    },
  };
}

const box = (name: string) => screen.getByRole('checkbox', { name });

describe('the revocation dialog', () => {
  it('asks for the org name before revoking several tokens, then sends exactly the selected ids', async () => {
    const user = userEvent.setup();
    const tokens = manyTokens(6);
    const picked = [tokens[1], tokens[3], tokens[4]] as Token[];
    const { calls } = await renderPanel(tokens, revokingWorker(tokens, picked));
    expect(screen.getByRole('button', { name: 'Revoke selected' })).toHaveProperty('disabled', true);
    for (const t of picked) await user.click(box(`Select ${t.tokenName} by ${t.ownerLogin}`));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));

    const dialog = screen.getByRole('dialog', { name: 'Revoke 3 tokens' });
    const list = within(dialog).getByRole('list', { name: 'Tokens to revoke' });
    for (const t of picked) expect(within(list).getByText(t.tokenName)).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: 'Revoke 3 tokens' });
    expect(confirm).toHaveProperty('disabled', true);
    const orgName = within(dialog).getByRole('textbox', { name: 'Organization name' });
    await user.type(orgName, 'acm');
    expect(confirm).toHaveProperty('disabled', true);
    await user.type(orgName, 'E');
    expect(confirm).toHaveProperty('disabled', false);
    await user.click(confirm);

    const start = calls.find((c) => c.type === 'revoke.start');
    expect(start?.input).toEqual({ org: ORG, grantIds: picked.map((t) => t.grantId) });
    expect(await within(dialog).findByText('Revoked 2 of 3 tokens')).toBeTruthy();
    const failed = within(dialog).getByRole('list', { name: 'Failed' });
    expect(failed.textContent).toContain(picked[2]?.tokenName);
    expect(failed.textContent).toContain('Not Found');

    // After the job the grants are reloaded and the revoked ids leave the selection.
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('4 of 4 tokens · 1 selected'));

    await user.click(within(dialog).getByRole('button', { name: 'Retry failed' }));
    expect(calls.find((c) => c.type === 'revoke.retryFailed')?.input).toEqual({ jobId: 'job-1' });
    expect(await within(dialog).findByText('Revoked 3 of 3 tokens')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Retry failed' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 of 3 tokens'));
  });

  it("needs no org name for one token, and keeps the contract's exact name", async () => {
    const user = userEvent.setup();
    const tokens = manyTokens(3);
    await renderPanel(tokens);
    await user.click(box('Select token-0001 by bob'));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke 1 tokens' });
    expect(within(dialog).queryByRole('textbox', { name: 'Organization name' })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Revoke 1 tokens' })).toHaveProperty('disabled', false);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a revocation still running when the panel opens', async () => {
    const tokens = manyTokens(2);
    let polls = 0;
    await renderPanel(tokens, {
      'revoke.status': () => {
        polls++;
        return jobOf(
          tokens,
          polls < 3 ? 'running' : 'done',
          polls < 3 ? ['sent', 'pending'] : ['revoked', 'revoked'],
        );
      },
    });
    const region = await screen.findByRole('region', { name: 'Revocation' });
    expect(within(region).getByRole('progressbar', { name: 'Revoking tokens' })).toBeTruthy();
    expect(await within(region).findByText('Revoked 2 of 2 tokens')).toBeTruthy();
  });
});
