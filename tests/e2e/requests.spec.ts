// The requests panel in the real extension (production build, Chromium): placed on Pending
// requests after a soft navigation, filter counts against an expectation computed here from the
// fake's own JSON, the full hostile reason in the details, 150 approved with a reason while
// Chrome stops the worker mid-job, 30 denied, then the fake's state checked and the approvals
// found on the Active tokens panel.
import type { Frame, Page } from '@playwright/test';
import type { Exchange, FakeGitHub } from '../fake-github/server.ts';
import { DEFAULT_PERMISSIONS } from '../fake-github/state.ts';
import { configurePrivateKey, expect, openOptions, panelFrame, test } from './fixtures';

const ORG = 'acme';
const GRANTS = 60;
const REQUESTS = 230;
const REVIEW_PATH = `/orgs/${ORG}/personal-access-token-requests`;
const WRITE = { ...DEFAULT_PERMISSIONS, organization_personal_access_token_requests: 'write' };
const HOSTILE_REASON = '<img src=x onerror="alert(1)">\n=HYPERLINK("https://evil.example")\n\u202Egnp.exe';
const APPROVE_REASON = 'Approved for the Q3 release (SEC-42)';
const DENY_REASON = 'Too broad: ask for selected repositories only';
const DAY = 86_400_000;

const reviewPosts = (fake: FakeGitHub): Exchange[] =>
  fake.requests.filter((ex) => ex.method === 'POST' && ex.restPath === REVIEW_PATH);
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

/** The requests panel's frame, found by its URL (it sits in a closed shadow root). */
async function requestsFrame(page: Page): Promise<Frame> {
  let found: Frame | undefined;
  await expect
    .poll(
      () => {
        found = page
          .frames()
          .find(
            (f) =>
              !f.isDetached() &&
              f.url().startsWith('chrome-extension://') &&
              new URL(f.url()).pathname === '/requests-panel.html',
          );
        return Boolean(found);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found as Frame;
}

async function filter(frame: Frame, query: string): Promise<void> {
  await frame.getByRole('searchbox', { name: 'Filter requests' }).fill(query);
}

/** Leaves exactly `n` of the matching requests selected: all, then unticks from the bottom. */
async function selectMatching(frame: Frame, n: number): Promise<void> {
  await frame.getByLabel('Select all matching').check();
  const checked = frame.getByRole('checkbox', { name: /^Select request /, checked: true });
  while ((await checked.count()) > n) await checked.last().uncheck();
  await expect(frame.getByRole('status')).toContainText(`· ${n} selected`);
}

test('pending requests: filter, details, approve 150 across a worker stop, deny 30, then Active tokens', async ({
  context,
  extensionId,
  fake,
}) => {
  test.setTimeout(180_000);
  const seeded = fake.seedOrg(ORG, { grants: GRANTS, requests: REQUESTS, seed: 14, permissions: WRITE });
  const hostile = seeded.requests[3];
  if (hostile) hostile.reason = HOSTILE_REASON;
  const options = await openOptions(context, extensionId);
  await configurePrivateKey(options, fake, ORG);

  // Active tokens first, then GitHub's soft navigation to Pending requests.
  const page = await context.newPage();
  await page.goto(`https://github.com/organizations/${ORG}/settings/personal-access-tokens/active`);
  await panelFrame(page);
  await page.locator('#soft-link-requests').click();
  await expect(page).toHaveURL(/personal-access-token-requests$/);
  const frame = await requestsFrame(page);
  const status = frame.getByRole('status');
  await expect(status).toHaveText(`${REQUESTS} of ${REQUESTS} requests`);

  // Filter counts against the fake's own JSON, counted here.
  const pending = fake.pendingRequests(ORG);
  const now = Date.now();
  const expected = {
    'reason:releases': pending.filter((r) => (r.reason ?? '').toLowerCase().includes('releases')).length,
    'requested:<7d': pending.filter((r) => now - Date.parse(r.created_at) < 7 * DAY).length,
    'access:all -reason:docs': pending.filter(
      (r) => r.repository_selection === 'all' && !(r.reason ?? '').toLowerCase().includes('docs'),
    ).length,
  };
  for (const [query, count] of Object.entries(expected)) {
    expect(count, query).toBeGreaterThan(0);
    await filter(frame, query);
    await expect(status).toHaveText(`${count} of ${REQUESTS} requests`);
  }

  // The details show the whole reason as text: no element from it, every character kept.
  await filter(frame, `owner:${hostile?.owner.login}`);
  await frame
    .getByRole('button', { name: hostile?.tokenName ?? '' })
    .first()
    .click();
  const details = frame.getByRole('dialog', { name: 'Request details' });
  await expect(details).toBeVisible();
  // Exactly the reason's characters, new lines and direction marks included.
  expect(await details.getByTestId('request-reason').evaluate((el) => el.textContent)).toBe(HOSTILE_REASON);
  expect(await details.locator('img').count()).toBe(0);
  await details.getByRole('button', { name: 'Close' }).click();

  // Approve 150 of the requests with some repository access, with a reason.
  const approveQuery = '-access:none';
  await filter(frame, approveQuery);
  await selectMatching(frame, 150);
  await expect(status).toContainText('· 150 selected');
  const expectedApproved = pending
    .filter((r) => r.repository_selection !== 'none')
    .slice(0, 150)
    .map((r) => r.id);

  await frame.getByRole('button', { name: 'Approve selected' }).click();
  const dialog = frame.getByRole('dialog', { name: 'Approve 150 requests' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const confirm = dialog.getByRole('button', { name: 'Approve 150 requests' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('x'.repeat(1025));
  await expect(dialog.getByText('1025 of 1024 characters')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Organization name' }).fill(ORG);
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill(APPROVE_REASON);
  await expect(confirm).toBeEnabled();

  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.runningStatus === 'stopped')) resolve();
    });
  });
  fake.faults.latencyMs = 400;
  await confirm.click();
  await expect.poll(() => reviewPosts(fake).filter((p) => p.status === 202).length).toBeGreaterThanOrEqual(1);
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  expect(reviewPosts(fake).filter((p) => p.status === 202).length).toBeLessThan(2);
  fake.faults.latencyMs = 0;
  // The panel's progress port re-opens, which starts a worker again: it resumes the job.
  await expect(dialog.getByText('Approved 150 of 150 requests')).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Deny 30 of those without repository access.
  await filter(frame, 'access:none');
  await expect(status).toContainText(`of ${REQUESTS - 150} requests`);
  await selectMatching(frame, 30);
  await frame.getByRole('button', { name: 'Deny selected' }).click();
  const deny = frame.getByRole('dialog', { name: 'Deny 30 requests' });
  await deny.getByRole('textbox', { name: 'Reason' }).fill(DENY_REASON);
  await deny.getByRole('textbox', { name: 'Organization name' }).fill(ORG);
  await deny.getByRole('button', { name: 'Deny 30 requests' }).click();
  await expect(deny.getByText('Denied 30 of 30 requests')).toBeVisible({ timeout: 60_000 });
  await deny.getByRole('button', { name: 'Close' }).click();
  await filter(frame, '');
  await expect(status).toHaveText(`${REQUESTS - 180} of ${REQUESTS - 180} requests`);

  // The fake's state: exactly those decided, the reasons delivered, at most 100 ids a request.
  for (const post of reviewPosts(fake)) {
    const body = post.body as { pat_request_ids: number[] };
    expect(body.pat_request_ids.length).toBeLessThanOrEqual(100);
  }
  const decisions = fake.requestDecisions(ORG);
  const approved = decisions.filter((d) => d.action === 'approve');
  const denied = decisions.filter((d) => d.action === 'deny');
  expect(sorted(approved.map((d) => d.id))).toEqual(sorted(expectedApproved));
  expect(approved.every((d) => d.reason === APPROVE_REASON && d.applied)).toBe(true);
  const expectedDenied = pending
    .filter((r) => r.repository_selection === 'none')
    .slice(0, 30)
    .map((r) => r.id);
  expect(sorted(denied.map((d) => d.id))).toEqual(sorted(expectedDenied));
  expect(denied.every((d) => d.reason === DENY_REASON)).toBe(true);

  // The approved requests are grants now, listed on the Active tokens panel.
  await page
    .getByRole('navigation', { name: 'Organization settings' })
    .getByRole('link', { name: 'Personal access tokens' })
    .click();
  await expect(page).toHaveURL(/personal-access-tokens\/active$/);
  const active = await panelFrame(page);
  const approvedNames = pending.filter((r) => expectedApproved.includes(r.id)).map((r) => r.token_id);
  expect(fake.liveGrants(ORG).filter((g) => approvedNames.includes(g.token_id))).toHaveLength(150);
  await expect(active.getByRole('status').first()).toContainText(`of ${GRANTS + 150} tokens`, {
    timeout: 20_000,
  });
});
