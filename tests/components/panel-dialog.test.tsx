import { cleanup, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobItemView, JobSummary } from '../../lib/protocol';
import { type Token, toWire } from '../../lib/tokens';
import { makeToken, perm } from '../lib/token-factory';
import { type FakeWatch, fakeWatch, listHandlers } from '../support/fake-worker';
import { Fail, type Handlers, jobSummary, manyTokens, NOW, ORG, renderPanel } from './panel-fixtures';

afterEach(cleanup);

type State = 'pending' | 'sent' | 'done' | 'failed' | 'unconfirmed';

/** The summary the worker pushes for `states`, and the outcomes it reports once done. */
function jobOf(tokens: Token[], phase: JobSummary['phase'], states: State[], reasons: string[] = []) {
  const items: JobItemView[] = tokens.map((t, i) => ({
    id: t.grantId,
    name: t.tokenName,
    owner: t.ownerLogin,
    state: states[i] ?? 'pending',
    ...(reasons[i] ? { reason: reasons[i] } : {}),
  }));
  const count = (s: State) => items.filter((v) => v.state === s).length;
  const summary = jobSummary({
    id: 'job-1',
    org: ORG,
    phase,
    total: items.length,
    done: count('done'),
    failed: count('failed'),
    unconfirmed: count('unconfirmed'),
    sent: items.length - count('pending'),
  });
  return { summary, outcomes: items.filter((item) => item.state !== 'done') };
}

/**
 * A worker that revokes the first two tokens and fails the third; a retry revokes it. Like the
 * real one, it pushes each job's summaries after answering, and reports the outcomes once done.
 */
function revokingWorker(all: Token[], picked: Token[], events: FakeWatch): Handlers {
  let live = all;
  let last = jobOf(picked, 'running', ['pending', 'pending', 'pending']);
  const pushLater = (...steps: ReturnType<typeof jobOf>[]) =>
    setTimeout(() => {
      for (const step of steps) {
        last = step;
        events.push({ type: 'job', job: step.summary });
      }
    }, 5);
  return {
    ...listHandlers(() => ({ [ORG]: live.map(toWire) }), 1),
    'jobs.start': () => {
      live = all.filter((t) => t !== picked[0] && t !== picked[1]);
      pushLater(
        jobOf(picked, 'verifying', ['sent', 'sent', 'failed'], ['', '', 'Not Found']),
        jobOf(picked, 'done', ['done', 'done', 'failed'], ['', '', 'Not Found']),
      );
      return last.summary;
    },
    'jobs.outcomes': ({ jobId }) => ({ jobId, items: last.outcomes, next: null }),
    'jobs.retryFailed': () => {
      live = all.filter((t) => !picked.includes(t));
      last = jobOf(picked, 'running', ['done', 'done', 'pending']);
      pushLater(jobOf(picked, 'done', ['done', 'done', 'done']));
      return last.summary;
    },
  };
}

const box = (name: string) => screen.getByRole('checkbox', { name });

describe('the revocation dialog', () => {
  it('asks for the org name before revoking several tokens, then sends exactly the selected ids', async () => {
    const user = userEvent.setup();
    const tokens = manyTokens(6);
    const picked = [tokens[1], tokens[3], tokens[4]] as Token[];
    const events = fakeWatch();
    const { calls } = await renderPanel(tokens, revokingWorker(tokens, picked, events), events);
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

    const start = calls.find((c) => c.type === 'jobs.start');
    expect(start?.input).toEqual({ kind: 'revoke', org: ORG, ids: picked.map((t) => t.grantId) });
    expect(await within(dialog).findByText('Revoked 2 of 3 tokens')).toBeTruthy();
    const failed = await within(dialog).findByRole('list', { name: 'Failed' });
    expect(failed.textContent).toContain(picked[2]?.tokenName);
    expect(failed.textContent).toContain('Not Found');

    // After the job the grants are reloaded and the revoked ids leave the selection.
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('4 of 4 tokens · 1 selected'));

    await user.click(within(dialog).getByRole('button', { name: 'Retry failed' }));
    expect(calls.find((c) => c.type === 'jobs.retryFailed')?.input).toEqual({ jobId: 'job-1' });
    expect(await within(dialog).findByText('Revoked 3 of 3 tokens')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Retry failed' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 of 3 tokens'));
  });

  it('names one token in the singular, needs no org name, and starts on Cancel', async () => {
    const user = userEvent.setup();
    const tokens = manyTokens(3);
    const { calls } = await renderPanel(tokens);
    await user.click(box('Select token-0001 by bob'));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke 1 token' });
    expect(within(dialog).queryByRole('textbox', { name: 'Organization name' })).toBeNull();
    const confirm = within(dialog).getByRole('button', { name: 'Revoke 1 token' });
    expect(confirm).toHaveProperty('disabled', false);
    expect(confirm.className).toContain('patrol-button-danger');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    expect(cancel.className).not.toContain('patrol-button-danger');
    // Enter on a freshly opened dialog cancels: it never revokes.
    expect(document.activeElement).toBe(cancel);
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.type === 'jobs.start')).toBe(false);
    // Focus goes back to the control that opened the dialog.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Revoke selected' })),
    );
  });

  it("lists each token's owner, access, risk and last use", async () => {
    const user = userEvent.setup();
    const tokens = [
      makeToken({
        tokenName: 'deploy-bot',
        ownerLogin: 'carol',
        repositorySelection: 'all',
        permissions: [perm('repository', 'contents', 'write')],
        lastUsedAt: new Date(NOW - 3 * 86_400_000),
      }),
      makeToken({
        tokenName: 'reader',
        ownerLogin: 'dave',
        repositorySelection: 'none',
        permissions: [perm('organization', 'members', 'read')],
        lastUsedAt: null,
      }),
    ];
    await renderPanel(tokens);
    await user.click(screen.getByRole('checkbox', { name: 'Select all matching' }));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke 2 tokens' });
    const items = within(within(dialog).getByRole('list', { name: 'Tokens to revoke' })).getAllByRole(
      'listitem',
    );
    const text = items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(text).toContain('deploy-bot by carolAll repositories · High risk · Last used 3 days ago');
    expect(text).toContain('reader by daveNone · Low risk · Never used');
  });

  it('announces progress and the summary in a live region, then returns focus to the outcome', async () => {
    const user = userEvent.setup();
    const tokens = manyTokens(6);
    const picked = [tokens[1], tokens[3], tokens[4]] as Token[];
    const events = fakeWatch();
    await renderPanel(tokens, revokingWorker(tokens, picked, events), events);
    for (const t of picked) await user.click(box(`Select ${t.tokenName} by ${t.ownerLogin}`));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke 3 tokens' });
    const live = dialog.querySelector('[aria-live="polite"]') as HTMLElement;
    expect(live).not.toBeNull();
    expect(live.textContent).toBe('');
    await user.type(within(dialog).getByRole('textbox', { name: 'Organization name' }), ORG);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke 3 tokens' }));
    // The confirm button is gone: focus moves to Close, not to <body>.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    // The summary and the failure with its reason appear inside the live region.
    await waitFor(() => expect(live.textContent).toContain('Revoked 2 of 3 tokens'));
    await waitFor(() =>
      expect(within(live).getByRole('list', { name: 'Failed' }).textContent).toContain('Not Found'),
    );
    expect(within(live).getByRole('button', { name: 'Retry failed' })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    const region = await screen.findByRole('region', { name: 'Revocation' });
    await waitFor(() => expect(document.activeElement).toBe(region));
    expect(region.textContent).toContain('Revoked 2 of 3 tokens');
  });

  it('announces a job that could not start', async () => {
    const user = userEvent.setup();
    const tokens = manyTokens(2);
    await renderPanel(tokens, {
      'jobs.start': () => new Fail({ code: 'missing_permission', message: 'The App may not revoke tokens.' }),
    });
    await user.click(box('Select token-0000 by alice'));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke 1 token' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke 1 token' }));
    const live = dialog.querySelector('[aria-live="polite"]') as HTMLElement;
    await waitFor(() => expect(live.textContent).toBe('The App may not revoke tokens.'));
  });

  it('shows a revocation still running when the panel opens, and follows it to its end', async () => {
    const tokens = manyTokens(2);
    // The worker's hub sends the org's newest job to a page as soon as it connects.
    const events = fakeWatch((org) =>
      org === ORG ? [{ type: 'job', job: jobOf(tokens, 'running', ['sent', 'pending']).summary }] : [],
    );
    await renderPanel(tokens, { 'jobs.outcomes': ({ jobId }) => ({ jobId, items: [], next: null }) }, events);
    const region = await screen.findByRole('region', { name: 'Revocation' });
    expect(within(region).getByRole('progressbar', { name: 'Revoking tokens' })).toBeTruthy();
    expect(events.watching()).toContain(ORG);
    events.push({ type: 'job', job: jobOf(tokens, 'done', ['done', 'done']).summary });
    expect(await within(region).findByText('Revoked 2 of 2 tokens')).toBeTruthy();
  });

  it('does not show a finished job from before the panel opened', async () => {
    const tokens = manyTokens(2);
    const events = fakeWatch(() => [{ type: 'job', job: jobOf(tokens, 'done', ['done', 'done']).summary }]);
    await renderPanel(tokens, {}, events);
    await waitFor(() => expect(events.watching()).toContain(ORG));
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByRole('region', { name: 'Revocation' })).toBeNull();
  });
});
