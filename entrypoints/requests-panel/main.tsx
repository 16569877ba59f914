// The requests panel as an extension page, framed above GitHub's Pending requests list by the
// content script, like the Active tokens panel (entrypoints/panel/): it learns its org and
// starting filter from its own URL (components/panel/frame-page.tsx); everything else comes
// from the worker.
import 'virtual:primer-themes.css';
import '../panel/style.css';
import './style.css';
import { render } from 'preact';
import { startFramePage } from '../../components/panel/frame-page';
import { linkToParent } from '../../components/panel/parent-link';
import { RequestsPanel } from '../../components/requests/RequestsPanel';
import { createRequestsStore } from '../../components/requests/store';
import { send } from '../../lib/messaging';
import { watchProgress } from '../../lib/progress';

startFramePage((root, { org, query }) => {
  const store = createRequestsStore(org, { send, watch: watchProgress, now: () => Date.now() });
  store.getState().setQuery(query);
  render(<RequestsPanel store={store} onOpenOptions={() => void send('options.open', {})} />, root);
  linkToParent(store);
  void store.getState().start();
});
