// The requests panel against the one fake worker: its designed states, the details with the
// whole reason as text, the review dialogs (counted reason, org name for more than one, the
// exact ids and reason sent), the summary and Retry failed.
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestsPanel } from '../../components/requests/RequestsPanel';
import { createRequestsStore } from '../../components/requests/store';
import type { JobSummary } from '../../lib/protocol';
import { requestToWire, type TokenRequest } from '../../lib/token-requests';
import { makeToken } from '../lib/token-factory';
import {
  type FakeWatch,
  fail,
  fakeSend,
  fakeWatch,
  type Handlers,
  jobSummary,
  SETTINGS,
} from '../support/fake-worker';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const EVIL = '<img src=x onerror="globalThis.pwned=1">\nsecond line';

function request(name: string, owner: string, reason: string | null): TokenRequest {
  return {
    ...makeToken({ tokenName: name, ownerLogin: owner, grantedAt: null }),
    reason,
    requestedAt: new Date(NOW - 86_400_000),
  };
}

function setup(requests: TokenRequest[], handlers: Handlers = {}) {
  const wire = requests.map(requestToWire);
  const { send, calls } = fakeSend({
    'settings.get': () => SETTINGS,
    'requests.load': ({ org }) => ({ org, loadedAt: NOW, count: wire.length }),
    'requests.read': ({ org }) => ({ org, loadedAt: NOW, requests: wire, next: null }),
    'requests.repositories': ({ requestIds }) =>
      Object.fromEntries(requestIds.map((id) => [String(id), ['acme/api']])),
    ...handlers,
  });
  const events: FakeWatch = fakeWatch();
  const store = createRequestsStore('acme', { send, watch: events.watch, now: () => NOW });
  render(<RequestsPanel store={store} download={() => {}} />);
  return { store, calls, events, ready: act(() => store.getState().start()), user: userEvent.setup() };
}

afterEach(cleanup);

const REQUESTS = () => [
  request('deploy', 'alice', 'Release automation'),
  request('docs', 'bob', EVIL),
  request('ci', 'carol', null),
];

describe('states', () => {
  it('says which App permission is missing', async () => {
    const { ready } = setup([], {
      'requests.load': () =>
        fail('missing_permission', 'The GitHub App lacks the "Personal access token requests" permission'),
    });
    await ready;
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('"Personal access token requests" permission');
    expect(alert.textContent).toContain('"Read and write"');
    expect(screen.queryByRole('searchbox', { name: 'Filter requests' })).toBeNull();
  });

  it('with no pending requests, says so and what an org without required approval means', async () => {
    const { ready } = setup([]);
    await ready;
    expect(screen.getByRole('heading', { name: 'No pending requests' })).toBeTruthy();
    expect(document.body.textContent).toContain('does not require approval');
    expect(document.body.textContent).toContain('Require administrator approval');
  });

  it('lists the requests with the contract’s columns and status', async () => {
    const { ready } = setup(REQUESTS());
    await ready;
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(1)).toEqual([
      'Token',
      'Owner',
      'Access',
      'Permissions',
      'Expires',
      'Requested',
      'Reason',
    ]);
    expect(screen.getByRole('status').textContent).toBe('3 of 3 requests');
  });
});

describe('filter, selection and details', () => {
  it('filters with reason:, selects all matching, and counts the selection', async () => {
    const { ready, user } = setup(REQUESTS());
    await ready;
    await user.type(screen.getByRole('searchbox', { name: 'Filter requests' }), 'reason:release');
    expect(screen.getByRole('status').textContent).toBe('1 of 3 requests');
    await user.click(screen.getByLabelText('Select all matching'));
    expect(screen.getByRole('status').textContent).toBe('1 of 3 requests · 1 selected');
    expect(
      (screen.getByRole('checkbox', { name: 'Select request deploy by alice' }) as HTMLInputElement).checked,
    ).toBe(true);
  });

  it('shows the whole reason as text in the details, with the repositories', async () => {
    const { ready, user } = setup(REQUESTS());
    await ready;
    await user.click(screen.getByRole('button', { name: 'docs' }));
    const details = screen.getByRole('dialog', { name: 'Request details' });
    expect(within(details).getByTestId('request-reason').textContent).toBe(EVIL);
    expect(details.querySelector('img')).toBeNull();
    await waitFor(() =>
      expect(within(details).getByRole('list', { name: 'Repositories' }).textContent).toBe('acme/api'),
    );
  });
});

describe('review dialogs', () => {
  it('approve: counts the reason, needs the org name for more than one, sends exactly the ids and the reason', async () => {
    const started: unknown[] = [];
    const { ready, user, store, events } = setup(REQUESTS(), {
      'requests.review': (input) => {
        started.push(input);
        return jobSummary({ id: 'r1', kind: 'approve', total: 2 });
      },
      'jobs.outcomes': ({ jobId }) => ({
        jobId,
        items: [{ id: 1, name: 'ci', owner: 'carol', state: 'failed', reason: 'Validation Failed' }],
        next: null,
      }),
    });
    await ready;
    await user.click(screen.getByRole('checkbox', { name: 'Select request deploy by alice' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select request ci by carol' }));
    await user.click(screen.getByRole('button', { name: 'Approve selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Approve 2 requests' });
    const confirm = within(dialog).getByRole('button', { name: 'Approve 2 requests' }) as HTMLButtonElement;
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' });
    await user.type(reason, 'For the release');
    expect(within(dialog).getByText('15 of 1024 characters')).toBeTruthy();
    expect(confirm.disabled).toBe(true);
    await user.type(within(dialog).getByRole('textbox', { name: 'Organization name' }), 'ACME');
    expect(confirm.disabled).toBe(false);
    act(() => store.getState().closeDialog()); // the reason also counts code points, not UTF-16 units
    await user.click(screen.getByRole('button', { name: 'Approve selected' }));
    const again = screen.getByRole('dialog', { name: 'Approve 2 requests' });
    await user.click(within(again).getByRole('textbox', { name: 'Reason' }));
    await user.paste('😀'.repeat(1024));
    expect(within(again).getByText('1024 of 1024 characters')).toBeTruthy();
    await user.paste('x');
    await user.type(within(again).getByRole('textbox', { name: 'Organization name' }), 'acme');
    expect(
      (within(again).getByRole('button', { name: 'Approve 2 requests' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await user.type(within(again).getByRole('textbox', { name: 'Reason' }), '{Backspace}');
    await user.click(within(again).getByRole('button', { name: 'Approve 2 requests' }));
    const [deploy, , ci] = store.getState().requests;
    expect(started).toEqual([
      { kind: 'approve', org: 'acme', ids: [deploy?.grantId, ci?.grantId], reason: '😀'.repeat(1024) },
    ]);

    const done: JobSummary = jobSummary({
      id: 'r1',
      kind: 'approve',
      phase: 'done',
      total: 2,
      done: 1,
      failed: 1,
    });
    act(() => events.push({ type: 'job', job: done }));
    await waitFor(() => expect(screen.getByText('Approved 1 of 2 requests')).toBeTruthy());
    expect(screen.getByRole('list', { name: 'Failed' }).textContent).toContain('Validation Failed');
    expect(screen.getByRole('button', { name: 'Retry failed' })).toBeTruthy();
  });

  it('deny one: no org name asked, the singular title, the danger button', async () => {
    const sent: unknown[] = [];
    const { ready, user } = setup(REQUESTS(), {
      'requests.review': (input) => {
        sent.push(input);
        return jobSummary({ id: 'r2', kind: 'deny', total: 1 });
      },
    });
    await ready;
    await user.click(screen.getByRole('checkbox', { name: 'Select request docs by bob' }));
    await user.click(screen.getByRole('button', { name: 'Deny selected' }));
    const dialog = screen.getByRole('dialog', { name: 'Deny 1 request' });
    expect(within(dialog).queryByRole('textbox', { name: 'Organization name' })).toBeNull();
    const confirm = within(dialog).getByRole('button', { name: 'Deny 1 request' });
    expect(confirm.className).toContain('patrol-button-danger');
    await user.click(confirm);
    expect(sent).toMatchObject([{ kind: 'deny', reason: '' }]);
  });

  it('a finished review reloads the list once its dialog closes, not under it (the frame would shrink away from the dialog)', async () => {
    let live = REQUESTS();
    const { ready, user, events, calls } = setup([], {
      'requests.load': ({ org }) => ({ org, loadedAt: NOW, count: live.length }),
      'requests.read': ({ org }) => ({ org, loadedAt: NOW, requests: live.map(requestToWire), next: null }),
      'requests.review': () => jobSummary({ id: 'r3', kind: 'deny', total: 1 }),
      'jobs.outcomes': ({ jobId }) => ({ jobId, items: [], next: null }),
    });
    await ready;
    await user.click(screen.getByRole('checkbox', { name: 'Select request docs by bob' }));
    await user.click(screen.getByRole('button', { name: 'Deny selected' }));
    await user.click(screen.getByRole('button', { name: 'Deny 1 request' }));
    const loads = () => calls.filter((c) => c.type === 'requests.load').length;
    const before = loads();
    live = live.filter((r) => r.tokenName !== 'docs');
    act(() =>
      events.push({
        type: 'job',
        job: jobSummary({ id: 'r3', kind: 'deny', phase: 'done', total: 1, done: 1 }),
      }),
    );
    await waitFor(() => expect(screen.getByText('Denied 1 of 1 request')).toBeTruthy());
    await waitFor(() => expect(calls.some((c) => c.type === 'jobs.outcomes')).toBe(true));
    await act(async () => {}); // what the outcomes' reply started has run
    expect(loads()).toBe(before);
    expect(screen.getByRole('status').textContent).toBe('3 of 3 requests · 1 selected');

    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('2 of 2 requests'));
    expect(loads()).toBe(before + 1);
    expect(calls.filter((c) => c.type === 'requests.load').at(-1)?.input).toEqual({
      org: 'acme',
      refresh: false,
    });
  });
});
