import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '../../components/options/OptionsPage';
import { createOptionsStore } from '../../components/options/store';
import { send } from '../../lib/messaging';

const controller = createOptionsStore({
  send,
  openTab: (url) => void browser.tabs.create({ url }),
  requestHost: (origins) =>
    browser.permissions.request({
      origins: origins.map((origin) => `${origin}/*`),
      permissions: ['scripting'],
    }),
  setTimer: (fn, ms) => setTimeout(fn, ms),
});

const root = document.getElementById('app');
if (root) render(<OptionsPage controller={controller} />, root);
