// The panel as an extension page, shown in a frame above GitHub's list by the content
// script (PRODUCT.md "Surfaces"). It learns its org and starting filter from its own URL,
// which the page cannot change once the frame exists; everything else comes from the worker.
// GitHub's themes first: the panel's own rules read their variables.
import 'virtual:primer-themes.css';
import './style.css';
import './sso.css';
import { render } from 'preact';
import { readFrameSearch } from '../../components/panel/frame-link';
import { Panel } from '../../components/panel/Panel';
import { applyTheme, linkToParent } from '../../components/panel/parent-link';
import { createPanelStore } from '../../components/panel/store';
import { PanelTabs } from '../../components/sso/PanelTabs';
import { SsoTab } from '../../components/sso/SsoTab';
import { createSsoStore } from '../../components/sso/store';
import { send } from '../../lib/messaging';
import { isOrgLogin } from '../../lib/page';
import { watchProgress } from '../../lib/progress';

const { org, query, theme, open } = readFrameSearch(location.search);
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
  const store = createPanelStore(org, { send, watch: watchProgress, now: () => Date.now() });
  store.getState().setQuery(query);
  // Through the worker: Firefox gives an extension page framed in a web page no
  // runtime.openOptionsPage (nor tabs or permissions).
  const sso = createSsoStore(org, { send, watch: watchProgress, now: () => Date.now() });
  render(
    <PanelTabs
      fineGrained={<Panel store={store} onOpenOptions={() => void send('options.open', {})} />}
      sso={<SsoTab store={sso} />}
      onSso={() => void sso.getState().start()}
    />,
    root,
  );
  linkToParent(store);
  // A link from the popup names one token: its details open once the list is in.
  void store
    .getState()
    .start()
    .then(() => {
      if (open) store.getState().openDetails(open);
    });
}
