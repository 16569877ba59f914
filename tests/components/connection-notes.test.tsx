// The connection test's optional-feature notes (issue 15 item 3): an App without Members: read
// still connects, and the result says how to enable membership.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { ConnectionResult } from '../../components/options/ConnectionResult';

afterEach(cleanup);

it('shows how to enable membership beside a working connection', () => {
  const note =
    'Token details cannot show whether owners are members of acme, and member: finds nothing. Give the GitHub App the organization permission "Members: Read-only" …';
  render(
    <ConnectionResult
      testing={false}
      error={null}
      report={{
        org: 'acme',
        identity: 'app patrol',
        installationId: 7,
        permissions: { organization_personal_access_tokens: 'write' },
        canRead: true,
        canWrite: true,
        problems: [],
        notes: [note],
      }}
    />,
  );
  const status = screen.getByRole('status', { name: 'Connection result' });
  expect(status.textContent).toContain('PATrol can list and revoke tokens.');
  expect(status.textContent).toContain('"Members: Read-only"');
});
