// The "SSO credentials" tab against a scripted worker: its designed states, the table with
// hostile text, details, selection, and the confirmation that sends exactly the selection.
import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test } from 'vitest';
import { followJobs } from '../../components/follow-job';
import { PanelTabs } from '../../components/sso/PanelTabs';
import { SsoTab } from '../../components/sso/SsoTab';
import { createSsoStore } from '../../components/sso/store';
import type { Watch } from '../../lib/progress';
import type { JobSummary, ProgressEvent, SsoMeta } from '../../lib/protocol';
import type { SsoCredential } from '../../lib/sso/credential';
import { credential, DAY, NOW } from '../lib/sso-factory';

afterEach(cleanup);
const ORG = 'acme';
const noWatch: Watch = () => () => {};

function worker(meta: SsoMeta, credentials: SsoCredential[] = []) {
  const sent: { type: string; input: unknown }[] = [];
  const send = async (type: string, input: unknown) => {
    sent.push({ type, input });
    if (type === 'sso.load') return { ok: true, data: meta };
    if (type === 'sso.read') return { ok: true, data: { org: ORG, loadedAt: 1, credentials, next: null } };
    if (type === 'sso.remove') {
      const ids = (input as { ids: number[] }).ids;
      return {
        ok: true,
        data: { id: 'j', kind: 'remove-authorization', org: ORG, phase: 'running', total: ids.length },
      };
    }
    return { ok: false, error: { code: 'internal', message: `unexpected ${type}` } };
  };
  const store = createSsoStore(ORG, { send: send as never, watch: noWatch, now: () => NOW });
  return { store, sent };
}

describe('designed states', () => {
  test('says it is loading only once the tab is opened, not while it waits unopened', async () => {
    const { store } = worker({ org: ORG, state: 'ok', loadedAt: 1, count: 0 });
    render(<SsoTab store={store} />);
    expect(screen.queryByText('Loading SSO credentials…')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    const started = store.getState().start();
    expect(await screen.findByText('Loading SSO credentials…')).toBeTruthy();
    await started;
    expect(screen.queryByText('Loading SSO credentials…')).toBeNull();
  });

  test.each([
    ['no_saml', 'This organization does not use SAML single sign-on'],
    ['no_permission', 'PATrol may not read SSO credentials'],
    ['ghes', 'Not available on GitHub Enterprise Server'],
  ] as const)('%s says why, with the worker’s advice', async (state, heading) => {
    const { store } = worker({ org: ORG, state, message: `Advice for ${state}.` });
    render(<SsoTab store={store} />);
    await store.getState().start();
    expect(await screen.findByRole('heading', { name: heading })).toBeTruthy();
    expect(screen.getByText(`Advice for ${state}.`)).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Filter credentials' })).toBeNull();
  });
});

describe('the list', () => {
  const hostile = credential({ login: 'eve', label: '<img src=x onerror=alert(1)>', scopes: ['admin:org'] });
  const quiet = credential({ login: 'sam', scopes: ['read:org'], accessedAt: NOW - DAY });
  const hidden = credential({ login: 'zed', label: 'dep\u200Bloy' });
  const all = [hostile, quiet, hidden];

  test('renders GitHub’s text as text, filters, shows details, and removes exactly the selection', async () => {
    const user = userEvent.setup();
    const { store, sent } = worker({ org: ORG, state: 'ok', loadedAt: 1, count: 3 }, all);
    render(<SsoTab store={store} />);
    await store.getState().start();
    const status = await screen.findByText('3 of 3 credentials');
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('button', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(screen.getAllByTitle(/invisible|direction/i).length).toBeGreaterThan(0);
    // Each row tells its token apart by the last eight characters GitHub reports.
    expect(screen.getByText(`…${quiet.lastEight}`)).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'Filter credentials' }), 'scope:admin:org');
    expect(status.textContent).toBe('1 of 3 credentials');
    await user.click(screen.getByRole('button', { name: '<img src=x onerror=alert(1)>' }));
    const details = screen.getByRole('region', { name: 'Credential details' });
    expect(within(details).getByText(/^high: Scope admin:org/)).toBeTruthy();
    expect(document.activeElement).toBe(details);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Credential details' })).toBeNull();
    const nameButton = screen.getByRole('button', { name: '<img src=x onerror=alert(1)>' });
    expect(document.activeElement).toBe(nameButton);
    await user.clear(screen.getByRole('textbox', { name: 'Filter credentials' }));

    await user.click(screen.getByRole('checkbox', { name: `Select <img src=x onerror=alert(1)> by eve` }));
    await user.click(screen.getByRole('checkbox', { name: `Select ${quiet.label} by sam` }));
    expect(status.textContent).toBe('3 of 3 credentials · 2 selected');
    await user.click(screen.getByRole('button', { name: 'Remove authorization' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove SSO authorization for 2 credentials' });
    const confirm = within(dialog).getByRole('button', { name: 'Remove 2 authorizations' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await user.type(within(dialog).getByRole('textbox', { name: 'Organization name' }), ORG);
    await user.click(confirm);
    const removal = sent.find((m) => m.type === 'sso.remove');
    expect(removal?.input).toEqual({ org: ORG, ids: [hostile.credentialId, quiet.credentialId] });
  });
});

describe('tabs', () => {
  test('the SSO tab loads only when first opened, and arrow keys move between tabs', async () => {
    const user = userEvent.setup();
    let opened = 0;
    render(<PanelTabs fineGrained={<p>fine view</p>} sso={<p>sso view</p>} onSso={() => opened++} />);
    expect(screen.getByRole('tab', { name: 'Fine-grained tokens' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(screen.getByText('sso view').closest('[role=tabpanel]')?.hasAttribute('hidden')).toBe(true);
    expect(opened).toBe(0);
    await user.click(screen.getByRole('tab', { name: 'SSO credentials' }));
    expect(opened).toBe(1);
    expect(screen.getByText('fine view').closest('[role=tabpanel]')?.hasAttribute('hidden')).toBe(true);
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Fine-grained tokens' }).getAttribute('aria-selected')).toBe(
      'true',
    );
  });

  test('each follower sees only the kinds it names: the panel revocations, the SSO tab removals', () => {
    let push: (event: ProgressEvent) => void = () => {};
    const watch: Watch = (_org, onEvent) => {
      push = onEvent;
      return () => {};
    };
    const job = (kind: JobSummary['kind']) =>
      ({ type: 'job', job: { id: kind, kind, phase: 'running' } }) as ProgressEvent;
    const seen: string[] = [];
    followJobs(watch, ORG, { onJob: (j) => seen.push(`token:${j.kind}`), onFinished: () => {} }, ['revoke']);
    push(job('remove-authorization'));
    push(job('revoke'));
    followJobs(watch, ORG, { onJob: (j) => seen.push(`sso:${j.kind}`), onFinished: () => {} }, [
      'remove-authorization',
    ]);
    push(job('revoke'));
    push(job('remove-authorization'));
    expect(seen).toEqual(['token:revoke', 'sso:remove-authorization']);
  });
});
