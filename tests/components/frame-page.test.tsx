// startFramePage (components/panel/frame-page.tsx): a framed panel mounts only for a well-formed
// org read from its own URL, with GitHub's theme applied first; anything else gets the banner.
import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameSearch } from '../../components/panel/frame-link';
import { startFramePage } from '../../components/panel/frame-page';

function openFrame(search: string) {
  history.replaceState(null, '', `/panel.html${search}`);
  document.body.innerHTML = '<div id="app"></div>';
}

afterEach(() => {
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
});

describe('startFramePage', () => {
  it('mounts with the org, filter and token the frame URL names, in its theme', () => {
    openFrame(
      frameSearch({
        org: 'acme',
        query: 'owner:bob',
        theme: { mode: 'dark', light: 'light', dark: 'dark_dimmed' },
        open: 7,
      }),
    );
    const mount = vi.fn();
    startFramePage(mount);
    expect(mount).toHaveBeenCalledWith(
      document.getElementById('app'),
      expect.objectContaining({ org: 'acme', query: 'owner:bob', open: 7 }),
    );
    expect(document.documentElement.getAttribute('data-dark-theme')).toBe('dark_dimmed');
  });

  it('shows the banner, and mounts nothing, for an org that is not a GitHub login', () => {
    openFrame('?org=%3Cimg%20src%3Dx%3E');
    const mount = vi.fn();
    startFramePage(mount);
    expect(mount).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe(
      'PATrol could not tell which organization this page is for. Reload the page.',
    );
  });
});
