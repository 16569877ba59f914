// The requests panel as an extension page, framed above GitHub's Pending requests list by the
// content script, like the Active tokens panel (entrypoints/panel/): it learns its org and
// starting filter from its own URL; everything else comes from the worker.
import 'virtual:primer-themes.css';
import '../panel/style.css';
import './style.css';
import { render } from 'preact';
import { readFrameSearch } from '../../components/panel/frame-link';
import { applyTheme, linkToParent } from '../../components/panel/parent-link';
import { RequestsPanel } from '../../components/requests/RequestsPanel';
import { createRequestsStore } from '../../components/requests/store';
import { send } from '../../lib/messaging';
import { isOrgLogin } from '../../lib/page';
import { watchProgress } from '../../lib/progress';

const { org, query, theme } = readFrameSearch(location.search);
applyTheme(document.documentElement, theme);
const root = document.getElementById('app');

if (root && !isOrgLogin(org)) {
  render(
    <section aria-label="PATrol" class="patrol">
      <p class="patrol-banner" role="alert">
        PATrol could not tell which organization this page is for. Reload the page.
      </p>
    </section>,
    root,
  );
} else if (root) {
  const store = createRequestsStore(org, { send, watch: watchProgress, now: () => Date.now() });
  store.getState().setQuery(query);
  render(<RequestsPanel store={store} onOpenOptions={() => void send('options.open', {})} />, root);
  linkToParent(store);
  void store.getState().start();
}
