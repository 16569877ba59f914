import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createPopupStore } from '../../components/popup/store';
import { send } from '../../lib/messaging';

const controller = createPopupStore({
  send,
  openTab: (url) => void browser.tabs.create({ url }),
  openOptions: () => void browser.runtime.openOptionsPage(),
  now: () => Date.now(),
});

const root = document.getElementById('app');
if (root) render(<Popup controller={controller} />, root);
void controller.init();
