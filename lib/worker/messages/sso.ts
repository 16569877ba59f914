// SSO credentials (GitHub Enterprise Cloud with SAML): load an org's credential
// authorizations (or learn why there are none to show), read them in chunks, and remove a
// confirmed selection as a job: one DELETE per credential, persisted, verified and logged
// like a revocation. Removal is for extension pages only, like every write.
import { z } from 'zod';
import { PatrolError } from '../../errors';
import { summaryOf } from '../../jobs/job';
import { credentialName } from '../../sso/credential';
import type { WorkerContext } from '../context';
import { actorOf } from '../log';
import { type ItemFacts, prepareJob } from '../prepare-job';
import { define } from '../registry';
import { readSso, type SsoLoader } from '../sso-loader';
import { id, MAX_JOB_IDS, offset, org } from './schemas';

/** Credentials per `sso.read` reply: each is well under 600 bytes of JSON. */
export const SSO_CHUNK = 1_000;

/** The org's credentials by id, as the removal's lookup (see prepareJob). */
async function credentialsById(sso: SsoLoader, org: string): Promise<Map<number, ItemFacts>> {
  // A restarted worker holds no list: load it, so names in the log are GitHub's.
  const listed = readSso(org) ?? (await sso.load(org));
  return new Map(
    listed.credentials.map((c) => [
      c.credentialId,
      { tokenId: c.authorizedCredentialId ?? null, name: credentialName(c), owner: c.login },
    ]),
  );
}

export function ssoMessages({ credentials, runner, now }: WorkerContext, sso: SsoLoader) {
  return {
    'sso.load': define('sso.load', {
      input: z.strictObject({ org, refresh: z.boolean() }),
      senders: ['page'],
      action: 'list SSO credentials',
      handler: async ({ org, refresh }) => {
        await credentials.requireConfigured();
        return sso.meta(org, refresh);
      },
    }),
    'sso.read': define('sso.read', {
      input: z.strictObject({ org, loadedAt: z.number(), offset }),
      senders: ['page'],
      handler: async ({ org, loadedAt, offset }) => {
        await credentials.requireConfigured();
        const loaded = readSso(org);
        if (!loaded || loaded.loadedAt !== loadedAt) {
          throw new PatrolError(
            'not_found',
            `The SSO credentials of ${org} changed while they were read. Reload them.`,
          );
        }
        const end = offset + SSO_CHUNK;
        return {
          org: loaded.org,
          loadedAt,
          credentials: loaded.credentials.slice(offset, end),
          next: end < loaded.credentials.length ? end : null,
        };
      },
    }),
    'sso.remove': define('sso.remove', {
      input: z.strictObject({ org, ids: z.array(id).min(1).max(MAX_JOB_IDS) }),
      senders: ['page'],
      action: 'remove SSO authorizations',
      handler: async ({ org, ids }) => {
        await credentials.requireConfigured();
        const job = await prepareJob(
          { kind: 'remove-authorization', org, ids },
          () => credentialsById(sso, org),
          { actor: () => actorOf(credentials), now },
        );
        await runner.start(job);
        return summaryOf(job);
      },
    }),
  };
}
