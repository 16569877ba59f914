// GitHub's Primer themes (light/dark from the system, as github.com's "auto" mode).
import 'virtual:primer-themes.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { HostAccess } from '../../components/host-access/HostAccess';
import { Popup } from '../../components/popup/Popup';
import { createPopupStore } from '../../components/popup/store';
import { allGrants, listOrgs } from '../../lib/cache';
import { missingHostAccess, onHostAccessChange, requestHostAccess } from '../../lib/host-access';
import { send } from '../../lib/messaging';
import { watchProgress } from '../../lib/progress';

const controller = createPopupStore({
  send,
  watch: watchProgress,
  readCache: async () => {
    const [orgs, lists] = await Promise.all([listOrgs(), allGrants()]);
    return { orgs, lists };
  },
  openTab: (url) => void browser.tabs.create({ url }),
  openOptions: () => void browser.runtime.openOptionsPage(),
  now: () => Date.now(),
});

const hostAccess = { missing: missingHostAccess, request: requestHostAccess, onChange: onHostAccessChange };
const root = document.getElementById('app');
if (root)
  render(
    <>
      <HostAccess deps={hostAccess} />
      <Popup controller={controller} />
    </>,
    root,
  );
void controller.init();
