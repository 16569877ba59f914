// The checks every bulk job passes before it starts (revoke, approve/deny, SSO removal): none
// of its ids is already in an unfinished job of the same action, every id is still listed,
// and the job is not larger than one job takes. One place, so that the three messages that
// start jobs cannot drift apart in what they refuse or how they say it.
import { PatrolError } from '../errors';
import { createJob } from '../jobs/engine';
import type { Job, JobItem } from '../jobs/job';
import { formatCount } from '../plural';
import type { JobKind } from '../protocol';
import { listJobs, readJob } from './job-store';
import { MAX_JOB_IDS } from './messages/schemas';

/** What a job records of one item, as the list the owner selected from shows it. */
export type ItemFacts = Pick<JobItem, 'tokenId' | 'name' | 'owner'>;

export interface JobRequest {
  kind: JobKind;
  org: string;
  /** The ids the owner confirmed (repeats are dropped). */
  ids: readonly number[];
  /** A review's reason; blank means none. */
  note?: string;
}

/** How a kind names its items in a refusal; approve and deny are one action (a review). */
const WORDS: Record<JobKind, { items: string; doing: string; job: string; gone: string }> = {
  revoke: { items: 'tokens', doing: 'revoked', job: 'revocation', gone: 'listed by GitHub' },
  approve: { items: 'requests', doing: 'reviewed', job: 'review', gone: 'pending' },
  deny: { items: 'requests', doing: 'reviewed', job: 'review', gone: 'pending' },
  'remove-authorization': {
    items: 'credentials',
    doing: 'removed',
    job: 'removal',
    gone: 'listed by GitHub',
  },
};

/** Kinds whose unfinished jobs hold ids of the same list: a request is approved or denied once. */
const sameList = (a: JobKind, b: JobKind) => WORDS[a].items === WORDS[b].items;
const sameOrg = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Ids in unfinished jobs of this org acting on the same list as `kind`. */
async function busyIds(kind: JobKind, org: string): Promise<Set<number>> {
  const busy = new Set<number>();
  for (const header of await listJobs()) {
    if (header.phase === 'done' || !sameList(header.kind, kind) || !sameOrg(header.org, org)) continue;
    for (const item of (await readJob(header.id))?.items ?? []) busy.add(item.id);
  }
  return busy;
}

/** Tokens and requests by their grant id, as a lookup for `prepareJob`. */
export function byGrantId(
  list: readonly { grantId: number; tokenId: number | null; tokenName: string; ownerLogin: string }[] = [],
): Map<number, ItemFacts> {
  return new Map(
    list.map((entry) => [
      entry.grantId,
      { tokenId: entry.tokenId, name: entry.tokenName, owner: entry.ownerLogin },
    ]),
  );
}

/**
 * The job for `request`, not yet started, or the refusal the owner reads. `lookup` reads the
 * list the ids were selected from; it runs only once no id is busy (it may ask GitHub), and
 * `actor` only once every id is found (in private-key mode it may ask GitHub too).
 */
export async function prepareJob(
  { kind, org, ids, note }: JobRequest,
  lookup: () => Promise<ReadonlyMap<number, ItemFacts>>,
  { actor, now }: { actor: () => Promise<string>; now: () => number },
): Promise<Job> {
  const words = WORDS[kind];
  const wanted = [...new Set(ids)];
  if (wanted.length > MAX_JOB_IDS) {
    throw new PatrolError(
      'validation',
      `One job takes at most ${formatCount(MAX_JOB_IDS)} ${words.items}; ${formatCount(wanted.length)} were selected. Select fewer, then start again.`,
    );
  }
  const busy = await busyIds(kind, org);
  const already = wanted.filter((wantedId) => busy.has(wantedId)).length;
  if (already > 0) {
    throw new PatrolError(
      'validation',
      `${already} of these ${words.items} are already being ${words.doing}. Wait for that ${words.job} to finish, then select again.`,
    );
  }
  const listed = await lookup();
  const missing = wanted.filter((wantedId) => !listed.has(wantedId)).length;
  if (missing > 0) {
    throw new PatrolError(
      'not_found',
      `${missing} of the selected ${words.items} are no longer ${words.gone}. Reload the list and select again.`,
    );
  }
  const by = await actor();
  const items = wanted.map((wantedId) => {
    const facts = listed.get(wantedId);
    return {
      id: wantedId,
      tokenId: facts?.tokenId ?? null,
      name: facts?.name ?? '',
      owner: facts?.owner ?? '',
    };
  });
  const id = `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const reason = note === undefined || note.trim() === '' ? undefined : note;
  return createJob({ id, kind, org, actor: by, note: reason, items }, now());
}
