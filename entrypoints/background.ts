import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { settingsItem, webHostOf } from '../lib/storage';
import { syncGhesContentScript } from '../lib/worker/ghes-content-script';
import { JOB_ALARM, JOB_HEARTBEAT_ALARM } from '../lib/worker/jobs';
import { createRouter } from '../lib/worker/router';
import { WorkerService } from '../lib/worker/service';
import { installationTokenCache } from '../lib/worker/token-cache';

export default defineBackground(() => {
  const service = new WorkerService();
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const route = createRouter(service.handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin,
    webHosts: async () => [...new Set(['github.com', webHostOf((await settingsItem.getValue()).apiBaseUrl)])],
  });

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === JOB_ALARM || alarm.name === JOB_HEARTBEAT_ALARM) void service.resumeJobs();
  });
  // GHES: the panel's content script follows the configured host (and its permission).
  const syncGhes = (apiBaseUrl: string) =>
    syncGhesContentScript(apiBaseUrl).catch((error) => console.warn('[PATrol] GHES content script', error));
  settingsItem.watch((settings) => void syncGhes(settings.apiBaseUrl));
  browser.permissions.onAdded.addListener(
    async () => void syncGhes((await settingsItem.getValue()).apiBaseUrl),
  );
  // A worker that Chrome stopped mid-job picks the job up as soon as it starts again.
  void installationTokenCache.prune();
  void service.resumeJobs();
});
