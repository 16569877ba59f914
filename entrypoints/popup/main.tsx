// GitHub's Primer themes (light/dark from the system, as github.com's "auto" mode).
import 'virtual:primer-themes.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { HostAccess } from '../../components/host-access/HostAccess';
import { Popup } from '../../components/popup/Popup';
import { createPopupStore } from '../../components/popup/store';
import { benchMark } from '../../lib/bench-marks';
import { openCacheReader } from '../../lib/cache';
import { missingHostAccess, onHostAccessChange, requestHostAccess } from '../../lib/host-access';
import { send } from '../../lib/messaging';
import { watchProgress } from '../../lib/progress';
import { watchStateItem } from '../../lib/watch-state';

// bench/popup-open.ts splits the time to open at this mark and the store's.
benchMark('patrol:popup:script');

// Read while settings.get is in flight; shown only if it says PATrol is not locked (store.ts).
const cache = openCacheReader();
const controller = createPopupStore({
  send,
  watch: watchProgress,
  readCache: async () => {
    const [orgs, lists] = await Promise.all([cache.listOrgs(), cache.allGrantRows()]);
    return { orgs, lists };
  },
  openTab: (url) => void browser.tabs.create({ url }),
  openOptions: () => void browser.runtime.openOptionsPage(),
  now: () => Date.now(),
});

// The last watch check's counts (lib/watch-state.ts), each opening the panel with its query.
const watch = {
  readState: () => watchStateItem.getValue(),
  onState: (callback: Parameters<typeof watchStateItem.watch>[0]) => watchStateItem.watch(callback),
  openTab: (url: string) => void browser.tabs.create({ url }),
  webHost: () => controller.store.getState().settings?.webHost ?? 'github.com',
  check: async () => void (await send('watch.check', {})),
};

// settings.get leaves before the first render, which then runs while the worker answers.
void controller.init();
const hostAccess = { missing: missingHostAccess, request: requestHostAccess, onChange: onHostAccessChange };
const root = document.getElementById('app');
if (root)
  render(
    <>
      <HostAccess deps={hostAccess} />
      <Popup controller={controller} watch={watch} />
    </>,
    root,
  );
