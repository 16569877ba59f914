// Settings, credentials and the log: the options page's messages.

import { browser } from 'wxt/browser';
import { z } from 'zod';
import * as cache from '../../cache';
import { clearKeptResponses } from '../../github/client';
import { dropAllMembers } from '../../members-store';
import type { WorkerContext } from '../context';
import { publicSettings, saveSettings, signOutSecrets, unlockSecrets } from '../credential-settings';
import { forgetAll } from '../grants-cache';
import { dropFinishedJobs } from '../job-store';
import { define } from '../registry';
import { forgetSso } from '../sso-loader';
import { forgetWatch } from '../watch';
import { empty } from './schemas';

export function settingsMessages({ credentials }: WorkerContext) {
  return {
    // The panel reads whether PATrol is configured; it sees no secret (PublicSettings).
    'settings.get': define('settings.get', {
      input: empty,
      senders: ['page'],
      handler: () => publicSettings(),
    }),
    'settings.save': define('settings.save', {
      input: z.strictObject({
        mode: z.enum(['device', 'private-key']),
        clientId: z.string().max(64),
        apiBaseUrl: z.string().max(2048),
        privateKey: z.string().max(16_384).optional(),
        secretStorage: z.enum(['passphrase', 'session', 'device']),
        passphrase: z.string().max(1024).optional(),
      }),
      senders: ['page'],
      handler: (input) => {
        credentials.owners.clear(); // a new credential: ask GitHub again who is an owner
        return saveSettings(input);
      },
    }),
    // Extension pages only: page script must not be able to try passphrases.
    unlock: define('unlock', {
      input: z.strictObject({ passphrase: z.string().max(1024), confirm: z.string().max(1024).optional() }),
      senders: ['page'],
      handler: ({ passphrase, confirm }) => unlockSecrets(passphrase, confirm),
    }),
    // Everything of the credential goes: secrets, inventories, repository lists, finished
    // jobs (dropFinishedJobs, the job store's one call); the log only when asked.
    signout: define('signout', {
      input: z.strictObject({ clearLog: z.boolean().optional() }),
      senders: ['page'],
      handler: async ({ clearLog }) => {
        await signOutSecrets();
        credentials.owners.clear();
        forgetAll();
        forgetSso();
        // GitHub's answers kept for revalidation (ETags and bodies) go with the credential.
        clearKeptResponses();
        await cache.wipeCredentialCaches();
        await dropAllMembers();
        await forgetWatch();
        await dropFinishedJobs();
        if (clearLog) await cache.clearLog();
        return publicSettings();
      },
    }),
    'log.list': define('log.list', { input: empty, senders: ['page'], handler: () => cache.readLog() }),
    'log.clear': define('log.clear', {
      input: empty,
      senders: ['page'],
      handler: async () => {
        await cache.clearLog();
        return [];
      },
    }),
    'options.open': define('options.open', {
      input: empty,
      senders: ['page'],
      handler: async () => {
        await browser.runtime.openOptionsPage();
        return null;
      },
    }),
  };
}
