// @vitest-environment node
// What changed since the last review, with the real worker against the fake GitHub: the first
// load is the baseline; a revocation, then the org changed in the fake (tokens created,
// deleted, edited; an expiry passing); a reload; each count and id checked against the fake's
// truth; "Mark reviewed" records the reviewer, the digest and what was revoked, and becomes
// the new baseline; the review CSV's digest recomputed from its rows.
import { beforeEach, describe, expect, it } from 'vitest';
import { wipeCredentialCaches } from '../../lib/cache';
import { forgetAll, readGrants } from '../../lib/worker/grants-cache';
import type { Worker } from '../../lib/worker/service';
import type { FakeGitHub } from '../fake-github/server.ts';
import { recomputeDigest } from '../support/review-digest';
import { drive, jobDone, ORG, privateKeyWorker, settle, useFakeGitHub } from './harness';

let fake: FakeGitHub;
const startedFake = useFakeGitHub();
beforeEach(() => {
  fake = startedFake();
});

const asc = (ids: number[]) => [...ids].sort((a, b) => a - b);

async function load(service: Worker) {
  await settle(service.call('grants.load', { org: ORG, refresh: true }));
  return (await readGrants(ORG)) ?? expect.unreachable('no list cached');
}

describe('what changed since the last review', () => {
  it('counts new, changed and gone tokens exactly as the fake changed the org, and records reviews', async () => {
    fake.config.revokeDelayMs = 0;
    fake.seedOrg(ORG, { grants: 240, seed: 15, hostile: true });
    const service = await privateKeyWorker(fake);
    const first = await load(service);
    expect(await settle(service.call('changes.read', { org: ORG }))).toMatchObject({
      new: [],
      changed: [],
      gone: [],
    });

    const live = fake.state.orgs.get(ORG)?.grants ?? [];
    const subset = live.filter((g) => g.repositorySelection === 'subset');
    const repoTarget = subset[0]?.id ?? expect.unreachable();
    const otherRepo =
      [...(fake.state.orgs.get(ORG)?.reposById.keys() ?? [])].find(
        (id) => !subset[0]?.repoIds.includes(id),
      ) ?? expect.unreachable();
    const permTarget = live.find((g) => g.repositorySelection === 'all')?.id ?? expect.unreachable();
    const soon = live.find(
      (g) =>
        g.expiresAt !== null &&
        g.expiresAt > fake.now() + 86_400_000 &&
        g.id !== permTarget &&
        g.id !== repoTarget,
    );
    const expiring = soon?.id ?? expect.unreachable();
    // A repository list known before the review, so a change to it can show afterwards.
    await settle(service.call('grants.repositories', { org: ORG, grantIds: [repoTarget] }));

    // Mark reviewed: the first review, nothing revoked yet.
    const review1 = await settle(service.call('changes.review', { org: ORG, loadedAt: first.loadedAt }));
    expect(review1.reviewer).toBe(`App ${fake.app.slug}`);
    expect(review1.counts).toEqual({ total: first.tokens.length, new: 0, changed: 0, gone: 0, revoked: 0 });
    expect(review1.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await settle(service.call('changes.read', { org: ORG }))).toMatchObject({
      reviewedAt: review1.at,
    });

    // Revoke two through PATrol's job engine.
    const revokedIds = asc(live.slice(5, 7).map((g) => g.id));
    await settle(service.call('jobs.start', { kind: 'revoke', org: ORG, ids: revokedIds }));
    await drive(jobDone);

    // The org changes between the two visits.
    const removedIds = asc(live.slice(10, 13).map((g) => g.id));
    const { added } = fake.changeOrg(ORG, {
      add: [
        { tokenName: '=cmd|" /C calc"!A0' },
        { tokenName: 'ci bot', repoIds: [...(subset[1]?.repoIds ?? [])] },
      ],
      remove: removedIds,
      edit: {
        [permTarget]: { permissions: { organization: { administration: 'write' } } },
        [repoTarget]: { repoIds: [...(subset[0]?.repoIds ?? []), otherRepo] },
        // Its use is no change either.
        [expiring]: { lastUsedAt: fake.now() },
      },
    });
    // The expiry passing: the date stays, the clock moves past it.
    fake.advanceTime((soon?.expiresAt ?? 0) - fake.now() + 60_000);
    const second = await load(service);
    // The repository list of the edited token, fetched again for this load (as the panel's
    // details or a `repo:` filter would).
    await settle(service.call('grants.repositories', { org: ORG, grantIds: [repoTarget] }));

    const truthLive = new Set(fake.liveGrants(ORG).map((g) => g.id));
    expect(second.tokens.map((t) => t.grantId).sort()).toEqual([...truthLive].sort());
    const changes = (await settle(service.call('changes.read', { org: ORG }))) ?? expect.unreachable();
    expect(changes.new).toEqual(asc(added));
    expect(changes.changed).toEqual(asc([permTarget, repoTarget]));
    expect(changes.gone.map((t) => t.grantId)).toEqual(asc([...revokedIds, ...removedIds]));
    expect(changes.gone.every((t) => !truthLive.has(t.grantId))).toBe(true);
    expect(second.tokens.find((t) => t.grantId === expiring)?.expired).toBe(true);

    // The second review: counts, and the two revoked through PATrol (not the three deleted).
    const review2 = await settle(service.call('changes.review', { org: ORG, loadedAt: second.loadedAt }));
    expect(review2.counts).toEqual({ total: truthLive.size, new: 2, changed: 2, gone: 5, revoked: 2 });
    expect(review2.revoked.map((t) => t.grantId)).toEqual(revokedIds);
    expect(await settle(service.call('changes.read', { org: ORG }))).toMatchObject({
      new: [],
      changed: [],
      gone: [],
    });
    expect((await settle(service.call('reviews.list', {}))).map((r) => r.id)).toEqual([
      review2.id,
      review1.id,
    ]);

    // The review CSV: every token, its decision, formula-safe, and a digest an auditor recomputes.
    const { fileName, csv } = await settle(service.call('reviews.export', { id: review2.id }));
    expect(fileName).toBe(`${ORG}-review-${new Date(review2.at).toISOString().slice(0, 10)}.csv`);
    const { trailer, stated, recomputed, rows } = recomputeDigest(csv);
    expect(trailer[0]).toBe('snapshot_sha256');
    expect(stated).toBe(review2.digest);
    expect(recomputed).toBe(review2.digest);
    const decisions = new Map(rows.map((r) => [Number(r[1]), r[10]]));
    expect(asc([...decisions.keys()])).toEqual(asc([...truthLive, ...revokedIds]));
    for (const id of revokedIds) expect(decisions.get(id)).toBe('revoked');
    for (const id of truthLive) expect(decisions.get(id)).toBe('kept');
    expect(csv).toContain(`'=cmd|`);
    expect(
      rows.every((r) => r[11] === `App ${fake.app.slug}` && r[12] === new Date(review2.at).toISOString()),
    ).toBe(true);
    // The first review still exports, with its own digest.
    const old = recomputeDigest((await settle(service.call('reviews.export', { id: review1.id }))).csv);
    expect(old.trailer[0]).toBe('snapshot_sha256');
    expect(old.recomputed).toBe(review1.digest);
  });

  it('compares with a fresh baseline after the snapshots were wiped, not with the older review', async () => {
    fake.seedOrg(ORG, { grants: 20, seed: 3 });
    const service = await privateKeyWorker(fake);
    const first = await load(service);
    await settle(service.call('changes.review', { org: ORG, loadedAt: first.loadedAt }));
    await wipeCredentialCaches(); // what Sign out does to caches and snapshots
    forgetAll();
    fake.changeOrg(ORG, { add: [{}] });
    await load(service);
    expect(await settle(service.call('changes.read', { org: ORG }))).toMatchObject({
      reviewedAt: null,
      new: [],
      gone: [],
    });
  });

  it('refuses "Mark reviewed" for a list other than the one shown', async () => {
    fake.seedOrg(ORG, { grants: 20, seed: 3 });
    const service = await privateKeyWorker(fake);
    const first = await load(service);
    await expect(
      settle(service.call('changes.review', { org: ORG, loadedAt: first.loadedAt - 1 })),
    ).rejects.toThrow(/changed since it was shown/);
  });
});
