// GitHub's Primer themes (light/dark from the system, as github.com's "auto" mode).
import 'virtual:primer-themes.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { HostAccess } from '../../components/host-access/HostAccess';
import { OptionsPage } from '../../components/options/OptionsPage';
import { createOptionsStore } from '../../components/options/store';

import { missingHostAccess, onHostAccessChange, requestHostAccess } from '../../lib/host-access';
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

const hostAccess = { missing: missingHostAccess, request: requestHostAccess, onChange: onHostAccessChange };
const root = document.getElementById('app');
if (root)
  render(
    <>
      <HostAccess deps={hostAccess} />
      <OptionsPage controller={controller} />
    </>,
    root,
  );
