// SSO credentials (GitHub Enterprise Cloud with SAML): load an org's credential
// authorizations (or learn why there are none to show), read them in chunks, and remove a
// confirmed selection as a job: one DELETE per credential, persisted, verified and logged
// like a revocation. Removal is for extension pages only, like every write.
import { z } from 'zod';
import { PatrolError } from '../../errors';
import { createJob } from '../../jobs/engine';
import { summaryOf } from '../../jobs/job';
import type { JobSummary } from '../../protocol';
import { credentialName } from '../../sso/credential';
import type { WorkerContext } from '../context';
import { listJobs, readJob } from '../job-store';
import { actorOf } from '../log';
import { define } from '../registry';
import { readSso, type SsoLoader } from '../sso-loader';
import { id, MAX_JOB_IDS, offset, org } from './schemas';

/** Credentials per `sso.read` reply: each is well under 600 bytes of JSON. */
export const SSO_CHUNK = 1_000;

const sameOrg = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Starts the removal of `ids` (credential ids shown in the confirmation) as a job. */
export async function startRemoval(
  { credentials, runner, now }: WorkerContext,
  sso: SsoLoader,
  org: string,
  ids: readonly number[],
): Promise<JobSummary> {
  const wanted = [...new Set(ids)];
  const busy = new Set<number>();
  for (const header of await listJobs()) {
    if (header.phase === 'done' || header.kind !== 'remove-authorization' || !sameOrg(header.org, org))
      continue;
    for (const item of (await readJob(header.id))?.items ?? []) busy.add(item.id);
  }
  const already = wanted.filter((wantedId) => busy.has(wantedId)).length;
  if (already > 0) {
    throw new PatrolError(
      'validation',
      `${already} of these credentials are already being removed. Wait for that removal to finish, then select again.`,
    );
  }
  // A restarted worker holds no list: load it, so names in the log are GitHub's.
  const listed = readSso(org) ?? (await sso.load(org));
  const byId = new Map(listed.credentials.map((c) => [c.credentialId, c]));
  const missing = wanted.filter((credentialId) => !byId.has(credentialId)).length;
  if (missing > 0) {
    throw new PatrolError(
      'not_found',
      `${missing} of the selected credentials are no longer listed by GitHub. Reload the list and select again.`,
    );
  }
  const actor = await actorOf(credentials);
  const items = wanted.map((credentialId) => {
    const c = byId.get(credentialId);
    return {
      id: credentialId,
      tokenId: c?.authorizedCredentialId ?? null,
      name: c ? credentialName(c) : '',
      owner: c?.login ?? '',
    };
  });
  const jobIdValue = `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const job = createJob({ id: jobIdValue, kind: 'remove-authorization', org, actor, items }, now());
  await runner.start(job);
  return summaryOf(job);
}

export function ssoMessages(context: WorkerContext, sso: SsoLoader) {
  const { credentials } = context;
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
        return startRemoval(context, sso, org, ids);
      },
    }),
  };
}
