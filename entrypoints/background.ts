import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { settingsItem, webHostOf } from '../lib/storage';
import { watchStateItem } from '../lib/watch-state';
import { syncGhesContentScript } from '../lib/worker/ghes-content-script';
import { JOB_ALARM, JOB_HEARTBEAT_ALARM } from '../lib/worker/job-runner';
import { classifySender, createRouter, type RouterEnv, type SenderInfo } from '../lib/worker/router';
import { createWorker } from '../lib/worker/service';
import { installationTokenCache } from '../lib/worker/token-cache';
import { keepSessionStorageTrusted } from '../lib/worker/vault';
import { WATCH_ALARM, WATCH_RESUME_ALARM } from '../lib/worker/watch';
import { openNotice, WATCH_NOTIFICATION } from '../lib/worker/watch-notify';

export default defineBackground(() => {
  // The passphrase-derived key lives in storage.session: never readable by a content script.
  void keepSessionStorageTrusted();
  const env: RouterEnv = {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    webHosts: async () => [...new Set(['github.com', webHostOf((await settingsItem.getValue()).apiBaseUrl)])],
  };
  const worker = createWorker({
    allowedPort: async (sender) => (await classifySender(sender as SenderInfo, env)) !== null,
  });
  const route = createRouter(worker.registry, env);

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.runtime.onConnect.addListener((port) => void worker.hub.connect(port));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === JOB_ALARM || alarm.name === JOB_HEARTBEAT_ALARM) void worker.resumeJobs();
    if (alarm.name === WATCH_ALARM) void worker.watch.check();
    if (alarm.name === WATCH_RESUME_ALARM) void worker.watch.resume();
  });
  // The watch's notification opens the panel on the query that grew. `notifications` is
  // optional: its API exists only once granted, so the listener is added then too.
  const onNotice = async (id: string) => {
    if (id !== WATCH_NOTIFICATION) return;
    const { apiBaseUrl } = await settingsItem.getValue();
    await openNotice(await watchStateItem.getValue(), webHostOf(apiBaseUrl));
  };
  const listenToNotices = () => {
    const events = browser.notifications?.onClicked;
    if (events && !events.hasListener(onNotice)) events.addListener(onNotice);
  };
  listenToNotices();
  // GHES: the panel's content script follows the configured host (and its permission).
  const syncGhes = (apiBaseUrl: string) =>
    syncGhesContentScript(apiBaseUrl).catch((error) => console.warn('[PATrol] GHES content script', error));
  settingsItem.watch((settings) => void syncGhes(settings.apiBaseUrl));
  browser.permissions.onAdded.addListener(async () => {
    listenToNotices();
    void syncGhes((await settingsItem.getValue()).apiBaseUrl);
  });
  // A worker that Chrome stopped mid-job picks the job up as soon as it starts again.
  void installationTokenCache.prune();
  void worker.resumeJobs();
  // A check Chrome stopped midway finishes now; the daily alarm follows the setting.
  void worker.watch.resume();
  void worker.watch.ensureAlarm();
});
