// @vitest-environment node
// The diff against the review baseline (lib/diff.ts over lib/snapshot.ts): what counts as a
// change (permissions, repository selection, repository list when both sides know it, expiry),
// what does not (order, a grant read twice across a page boundary, a list fetched since), and
// the stored form round-trips and migrates from today's cache.
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { dropOrg, wipeCredentialCaches, writeGrants, writeRepositories } from '../../lib/cache';
import { changesSinceReview, newSinceReview, readBaseline, recordLoad } from '../../lib/changes';
import { diffAgainstBaseline } from '../../lib/diff';
import type { LoadedGrants } from '../../lib/protocol';
import type { ReviewRecord } from '../../lib/review';
import { addReview, readReviewSnapshot, readReviews } from '../../lib/review-store';
import { canonicalSnapshot, takeSnapshot } from '../../lib/snapshot';
import { packSnapshot, unpackSnapshot } from '../../lib/snapshot-pack';
import { readSnapshot } from '../../lib/snapshot-store';
import { toWire, type WireToken } from '../../lib/tokens';
import { makeToken, perm } from './token-factory';

const wire = (id: number, overrides: Parameters<typeof makeToken>[0] = {}): WireToken =>
  toWire(
    makeToken({
      grantId: id,
      tokenId: id + 7,
      tokenName: `token ${id}`,
      ownerLogin: `user${id}`,
      ...overrides,
    }),
  );

const listOf = (tokens: WireToken[], loadedAt = 1_000): LoadedGrants => ({ org: 'acme', loadedAt, tokens });

const base = (): WireToken[] => [
  wire(1, { permissions: [perm('repository', 'contents', 'read'), perm('organization', 'members', 'read')] }),
  wire(2, { repositorySelection: 'all' }),
  wire(3, { repositorySelection: 'subset' }),
  wire(4, { expiresAt: null }),
];

async function diffOf(before: WireToken[], after: WireToken[], reposBefore = {}, reposAfter = {}) {
  const baseline = await takeSnapshot(listOf(before), reposBefore);
  const current = await takeSnapshot(listOf(after, 2_000), reposAfter);
  return diffAgainstBaseline(current, baseline);
}

describe('diffAgainstBaseline', () => {
  it('finds nothing when the same grants come back in another order, permissions reordered', async () => {
    const again = base().reverse();
    const first = again[3] as WireToken;
    first.permissions = [...first.permissions].reverse();
    expect(await diffOf(base(), again)).toEqual({ new: [], changed: [], gone: [] });
  });

  it('reports an edited permission level, an added permission and a new selection as changed', async () => {
    const after = base();
    (after[0] as WireToken).permissions = [
      perm('repository', 'contents', 'write'),
      perm('organization', 'members', 'read'),
    ];
    (after[1] as WireToken).repositorySelection = 'subset';
    (after[3] as WireToken).permissions = [
      ...(after[3] as WireToken).permissions,
      perm('repository', 'issues', 'read'),
    ];
    const diff = await diffOf(base(), after);
    expect(diff.changed).toEqual([1, 2, 4]);
    expect(diff.new).toEqual([]);
    expect(diff.gone).toEqual([]);
  });

  it('reports a changed expiry, not a token whose unchanged expiry has passed', async () => {
    const after = base();
    (after[0] as WireToken).expiresAt = Date.parse('2027-01-01T00:00:00Z');
    (after[1] as WireToken).expired = true; // GitHub's flag flips when the time passes
    (after[2] as WireToken).lastUsedAt = Date.parse('2026-11-30T00:00:00Z'); // use is no change
    expect((await diffOf(base(), after)).changed).toEqual([1]);
  });

  it('compares repository lists only when both sides know them', async () => {
    const lists = { 3: ['acme/api', 'acme/web'] };
    expect((await diffOf(base(), base(), {}, lists)).changed).toEqual([]);
    expect((await diffOf(base(), base(), lists, {})).changed).toEqual([]);
    expect((await diffOf(base(), base(), lists, { 3: ['ACME/web', 'acme/api'] })).changed).toEqual([]);
    expect((await diffOf(base(), base(), lists, { 3: ['acme/api'] })).changed).toEqual([3]);
    expect(
      (await diffOf(base(), base(), lists, { 3: ['acme/api', 'acme/web', 'acme/ops'] })).changed,
    ).toEqual([3]);
  });

  it('lists new and gone grants, gone ones with what is needed to show them', async () => {
    const after = [...base().slice(1), wire(9, { tokenName: 'new one' })];
    const diff = await diffOf(base(), after);
    expect(diff.new).toEqual([9]);
    expect(diff.gone.map((e) => [e.grantId, e.tokenId, e.tokenName, e.ownerLogin])).toEqual([
      [1, 8, 'token 1', 'user1'],
    ]);
  });

  it('counts a grant listed twice (a page shifted while reading) once, its later listing winning', async () => {
    const stale = wire(2, { repositorySelection: 'all' });
    const edited = wire(2, {
      repositorySelection: 'all',
      permissions: [perm('repository', 'contents', 'write')],
    });
    const after = [...base().slice(0, 1), stale, ...base().slice(2), edited];
    const snapshot = await takeSnapshot(listOf(after));
    expect(snapshot.entries.map((e) => e.grantId)).toEqual([1, 2, 3, 4]);
    const diff = await diffOf(base(), after);
    expect(diff).toEqual({ new: [], changed: [2], gone: [] });
    // The same grant re-listed unchanged on two pages is no change at all.
    expect(await diffOf(base(), [...base(), wire(3, { repositorySelection: 'subset' })])).toEqual({
      new: [],
      changed: [],
      gone: [],
    });
  });

  it('sees a grant that moved between pages (listed in a new position) as unchanged', async () => {
    const before = [...base(), wire(5), wire(6)];
    const after = [wire(10), ...before.slice(0, 3), wire(6), ...before.slice(3, 5)];
    expect(await diffOf(before, after)).toEqual({ new: [10], changed: [], gone: [] });
  });
});

describe('stored snapshots', () => {
  it('round-trip through the packed form unchanged', async () => {
    const tokens = [...base(), wire(7, { tokenId: null, ownerLogin: '=HYPERLINK("x")\u200B' })];
    const snapshot = await takeSnapshot(listOf(tokens), { 3: ['acme/api'] });
    const back = unpackSnapshot(structuredClone(packSnapshot(snapshot)));
    expect(back).toEqual(snapshot);
    expect(canonicalSnapshot(back.entries)).toBe(canonicalSnapshot(snapshot.entries));
  });

  it('make the first load the baseline and keep it over later loads', async () => {
    await recordLoad(listOf(base()));
    const later = listOf([...base(), wire(11)], 5_000);
    const { baseline, current } = await recordLoad(later);
    expect(baseline.takenAt).toBe(1_000);
    expect(current.takenAt).toBe(5_000);
    expect((await readSnapshot('latest', 'ACME'))?.takenAt).toBe(5_000);
    expect(await newSinceReview('acme', later)).toEqual([11]);
  });

  it('migrate an org cached before snapshots existed: its baseline comes from that cache', async () => {
    await writeGrants(listOf(base()));
    await writeRepositories('acme', { 3: ['acme/api'] });
    const baseline = await readBaseline('acme');
    expect(baseline?.entries.map((e) => e.grantId)).toEqual([1, 2, 3, 4]);
    expect(baseline?.entries[2]?.repositories).toMatch(/^[0-9a-f]{16}$/);
    expect((await readSnapshot('baseline', 'acme'))?.takenAt).toBe(1_000);
    const changes = await changesSinceReview('acme', listOf(base().slice(1), 2_000));
    expect(changes?.diff.gone.map((e) => e.grantId)).toEqual([1]);
  });

  it('stay within the storage budget: under 80 bytes a grant beside its name (README "What changed")', async () => {
    const tokens = Array.from({ length: 10_000 }, (_, i) =>
      wire(i + 1, {
        tokenName: `deploy ${i % 500}`,
        ownerLogin: `user${i % 1_250}`,
        expiresAt: i % 7 ? null : new Date('2026-06-01T00:00:00Z'),
      }),
    );
    const repos = Object.fromEntries(tokens.map((t) => [t.grantId, ['acme/api', 'acme/web']]));
    const packed = serialize(packSnapshot(await takeSnapshot(listOf(tokens), repos))).length;
    const names = tokens.reduce((sum, t) => sum + t.tokenName.length, 0);
    expect((packed - names) / tokens.length).toBeLessThan(80);
  });

  it('go with sign-out and with removing the org', async () => {
    await recordLoad(listOf(base()));
    await recordLoad({ ...listOf(base()), org: 'other' });
    await dropOrg('acme');
    expect(await readSnapshot('baseline', 'acme')).toBeUndefined();
    expect(await readSnapshot('latest', 'other')).toBeDefined();
    await wipeCredentialCaches();
    expect(await readSnapshot('baseline', 'other')).toBeUndefined();
    expect(await readSnapshot('latest', 'other')).toBeUndefined();
  });

  it("take past reviews' snapshots with them at sign-out; the review records stay, no longer exportable", async () => {
    const snapshot = await takeSnapshot(listOf(base()));
    const record: ReviewRecord = {
      id: 'acme-1',
      org: 'acme',
      at: 2_000,
      reviewer: 'alice',
      digest: 'd'.repeat(64),
      counts: { total: 3, new: 0, changed: 0, gone: 0, revoked: 0 },
      revoked: [],
      since: 1_000,
      exportable: true,
    };
    await addReview(record, snapshot);
    expect(await readReviewSnapshot('acme-1')).toBeDefined();
    await wipeCredentialCaches();
    expect(await readReviewSnapshot('acme-1')).toBeUndefined();
    expect(await readReviews()).toEqual([{ ...record, exportable: false }]);
  });

  it('has no baseline for an org never loaded', async () => {
    expect(await readBaseline('nobody')).toBeUndefined();
    expect(await changesSinceReview('nobody')).toBeNull();
  });
});
