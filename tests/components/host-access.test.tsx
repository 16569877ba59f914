import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostAccess, type HostAccessDeps } from '../../components/host-access/HostAccess';

function fakeDeps(initiallyMissing: string[], grant: boolean) {
  let missing = [...initiallyMissing];
  const listeners = new Set<() => void>();
  const deps: HostAccessDeps = {
    missing: async () => missing,
    request: vi.fn(async () => {
      if (grant) missing = [];
      return grant;
    }),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const withdraw = (origins: string[]) => {
    missing = origins;
    for (const listener of listeners) listener();
  };
  return { deps, withdraw };
}

afterEach(cleanup);

const BOTH = ['https://github.com/*', 'https://api.github.com/*'];

describe('HostAccess', () => {
  it('says nothing while the browser grants GitHub', async () => {
    const { deps } = fakeDeps([], true);
    const { container } = render(<HostAccess deps={deps} />);
    await waitFor(() => expect(container.innerHTML).toBe(''));
  });

  it('names the withheld hosts and asks for exactly those from a click', async () => {
    const { deps } = fakeDeps(BOTH, true);
    render(<HostAccess deps={deps} />);
    const alert = await screen.findByRole('alert', { name: 'GitHub access' });
    expect(alert.textContent).toContain('github.com and api.github.com');
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to GitHub' }));
    expect(deps.request).toHaveBeenCalledWith(BOTH);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('says where else to allow it when the owner refuses', async () => {
    const { deps } = fakeDeps(['https://api.github.com/*'], false);
    render(<HostAccess deps={deps} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow access to GitHub' }));
    expect(await screen.findByText(/Access was not granted/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('reach api.github.com.');
  });

  it('appears when access is withdrawn while the page is open', async () => {
    const { deps, withdraw } = fakeDeps([], true);
    render(<HostAccess deps={deps} />);
    withdraw(['https://github.com/*']);
    expect((await screen.findByRole('alert')).textContent).toContain('reach github.com.');
  });
});
