// Settings, credentials and the log: the options page's messages.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import * as cache from '../../cache';
import type { WorkerContext } from '../context';
import { define } from '../registry';
import { empty } from './schemas';

export function settingsMessages({ credentials }: WorkerContext) {
  return {
    // The panel reads whether PATrol is configured; it sees no secret (PublicSettings).
    'settings.get': define('settings.get', {
      input: empty,
      senders: ['page'],
      handler: () => credentials.publicSettings(),
    }),
    'settings.save': define('settings.save', {
      input: z.strictObject({
        mode: z.enum(['device', 'private-key']),
        clientId: z.string().max(64),
        apiBaseUrl: z.string().max(2048),
        privateKey: z.string().max(16_384).optional(),
        secretStorage: z.enum(['encrypted', 'session']),
      }),
      senders: ['page'],
      handler: (input) => credentials.save(input),
    }),
    signout: define('signout', {
      input: empty,
      senders: ['page'],
      handler: () => credentials.signOut(),
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
