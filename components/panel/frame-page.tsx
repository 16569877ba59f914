// The start every framed panel page shares (entrypoints/panel/, entrypoints/requests-panel/):
// read the org, filter and theme from the frame's own URL (which the page cannot change once
// the frame exists), take GitHub's colours, and refuse to show anything for a malformed org.
import { render } from 'preact';
import { isOrgLogin } from '../../lib/page';
import { type FrameParams, readFrameSearch } from './frame-link';
import { applyTheme } from './parent-link';

export function startFramePage(mount: (root: HTMLElement, frame: FrameParams) => void): void {
  const frame = readFrameSearch(location.search);
  applyTheme(document.documentElement, frame.theme);
  const root = document.getElementById('app');
  if (!root) return;
  if (isOrgLogin(frame.org)) {
    mount(root, frame);
    return;
  }
  render(
    <section aria-label="PATrol" class="patrol">
      <p class="patrol-banner" role="alert">
        PATrol could not tell which organization this page is for. Reload the page.
      </p>
    </section>,
    root,
  );
}
