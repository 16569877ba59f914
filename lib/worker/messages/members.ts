// Membership: who of the token owners is a member or an owner of the org (App permission
// "Members: read"; without it the reply says how to grant it).
import { z } from 'zod';
import type { WorkerContext } from '../context';
import type { MembersLoader } from '../members-loader';
import { define } from '../registry';
import { org } from './schemas';

export function membersMessages({ credentials }: WorkerContext, members: MembersLoader) {
  return {
    'members.load': define('members.load', {
      input: z.strictObject({ org, refresh: z.boolean() }),
      senders: ['page'],
      action: 'list the members',
      handler: async ({ org, refresh }) => {
        await credentials.requireConfigured();
        return members.load(org, refresh);
      },
    }),
  };
}
