// The panel as an extension page, shown in a frame above GitHub's list by the content
// script (PRODUCT.md "Surfaces"). It learns its org and starting filter from its own URL
// (components/panel/frame-page.tsx); everything else comes from the worker.
// GitHub's themes first: the panel's own rules read their variables.
import 'virtual:primer-themes.css';
import './style.css';
import './sso.css';
import { render } from 'preact';
import { startFramePage } from '../../components/panel/frame-page';
import { Panel } from '../../components/panel/Panel';
import { linkToParent } from '../../components/panel/parent-link';
import { restartWhenShown } from '../../components/panel/recheck';
import { createPanelStore } from '../../components/panel/store';
import { PanelTabs } from '../../components/sso/PanelTabs';
import { SsoTab } from '../../components/sso/SsoTab';
import { createSsoStore } from '../../components/sso/store';
import { send } from '../../lib/messaging';
import { readPolicies } from '../../lib/policies-item';
import { watchProgress } from '../../lib/progress';

startFramePage((root, { org, query, open }) => {
  const store = createPanelStore(org, {
    send,
    watch: watchProgress,
    now: () => Date.now(),
    policies: readPolicies,
  });
  store.getState().setQuery(query);
  const sso = createSsoStore(org, { send, watch: watchProgress, now: () => Date.now() });
  render(
    <PanelTabs
      // Through the worker: Firefox gives an extension page framed in a web page no
      // runtime.openOptionsPage (nor tabs or permissions).
      fineGrained={<Panel store={store} onOpenOptions={() => void send('options.open', {})} />}
      sso={<SsoTab store={sso} />}
      onSso={() => void sso.getState().start()}
    />,
    root,
  );
  linkToParent(store);
  // Credentials saved on the options page reach this panel when the owner comes back to it.
  restartWhenShown(store);
  // A link from the popup names one token: its details open once the list is in.
  void store
    .getState()
    .start()
    .then(() => {
      if (open) store.getState().openDetails(open);
    });
});
