// GitHub's Primer themes (light/dark from the system, as github.com's "auto" mode).
import 'virtual:primer-themes.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { HostAccess } from '../../components/host-access/HostAccess';
import { OptionsPage } from '../../components/options/OptionsPage';
import { Policies } from '../../components/options/Policies';
import { ReviewHistory } from '../../components/options/ReviewHistory';
import { createOptionsStore } from '../../components/options/store';
import { Watch, type WatchDeps } from '../../components/options/Watch';

import { missingHostAccess, onHostAccessChange, requestHostAccess } from '../../lib/host-access';
import { send } from '../../lib/messaging';
import { policiesItem, readPolicies } from '../../lib/policies-item';
import { watchSettingsItem, watchStateItem } from '../../lib/watch-state';

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

const policies = {
  read: readPolicies,
  write: (list: Parameters<typeof policiesItem.setValue>[0]) => policiesItem.setValue(list),
};
const watch: WatchDeps = {
  send,
  readSettings: () => watchSettingsItem.getValue(),
  readState: () => watchStateItem.getValue(),
  onState: (callback) => watchStateItem.watch((state) => callback(state)),
  requestNotifications: () => browser.permissions.request({ permissions: ['notifications'] }),
};

const hostAccess = { missing: missingHostAccess, request: requestHostAccess, onChange: onHostAccessChange };
const root = document.getElementById('app');
if (root)
  render(
    <>
      <HostAccess deps={hostAccess} />
      <OptionsPage controller={controller} />
      <div class="options">
        <Policies deps={policies} />
        <Watch deps={watch} />
        <ReviewHistory send={send} />
      </div>
    </>,
    root,
  );
