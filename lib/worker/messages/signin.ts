// Device-flow sign-in and the connection test.

import { z } from 'zod';
import { PatrolError } from '../../errors';
import { testConnection } from '../connection-test';
import type { WorkerContext } from '../context';
import { pollDeviceFlow, startDeviceFlow } from '../device-flow';
import { define } from '../registry';
import { empty, org } from './schemas';

export function signinMessages({ credentials, now, fetch }: WorkerContext) {
  return {
    'connection.test': define('connection.test', {
      input: z.strictObject({ org }),
      senders: ['page'],
      action: 'test the connection',
      handler: ({ org }) => testConnection(credentials, org),
    }),
    'signin.start': define('signin.start', {
      input: empty,
      senders: ['page'],
      action: 'start sign-in',
      handler: async () => {
        const settings = await credentials.settings();
        if (!settings.clientId)
          throw new PatrolError('not_configured', "Save the GitHub App's Client ID first.");
        await credentials.requireWritable(); // a passphrase chosen and unlocked, in that mode
        return startDeviceFlow(settings.clientId, settings.apiBaseUrl, fetch, now());
      },
    }),
    'signin.poll': define('signin.poll', {
      input: empty,
      senders: ['page'],
      action: 'finish sign-in',
      handler: async () => {
        const { result, auth } = await pollDeviceFlow(fetch, now());
        if (result.state !== 'done' || !auth) return result;
        await credentials.storeUserAuth({ ...auth, login: '' });
        const user = await credentials.userClient();
        const { data } = await user.rest.users.getAuthenticated();
        await credentials.storeUserAuth({ ...auth, login: data.login });
        return { state: 'done' as const, login: data.login };
      },
    }),
  };
}
