// Changing an org between two visits (issue 15 item 6): tokens created, tokens deleted by
// their owner, edited permissions or repositories, an expiry moved. Through `fake.changeOrg`
// so a test knows the truth it then checks PATrol against. GitHub lists an edited grant under
// the same id (a fine-grained token's owner edits it in place); a deleted token's grant is no
// longer listed and no longer exists (its repositories and a revocation of it answer 404).
import type { GrantPermissions, GrantRecord } from './seed.ts';
import type { OrgState } from './state.ts';

export interface NewGrant {
  tokenName?: string;
  /** A login of the org's users; the first user by default. */
  owner?: string;
  permissions?: GrantPermissions;
  repositorySelection?: GrantRecord['repositorySelection'];
  repoIds?: number[];
  expiresAt?: number | null;
}

export interface GrantEdit {
  permissions?: GrantPermissions;
  repositorySelection?: GrantRecord['repositorySelection'];
  /** Repository ids; makes the grant `subset` unless a selection is given. */
  repoIds?: number[];
  expiresAt?: number | null;
  lastUsedAt?: number | null;
}

export interface OrgChange {
  add?: NewGrant[];
  /** Grant ids whose token its owner deleted. */
  remove?: number[];
  edit?: Record<number, GrantEdit>;
}

export interface OrgChangeResult {
  /** Ids of the grants added, newest first (as the API lists them). */
  added: number[];
  removed: number[];
  edited: number[];
}

export function changeOrg(org: OrgState, change: OrgChange, now: number): OrgChangeResult {
  const live = new Map(org.grants.map((g) => [g.id, g]));
  // New ids follow every id the org ever had, so a deleted grant's id never comes back.
  let maxId = 0;
  let maxTokenId = 0;
  for (const g of [...org.grantsById.values(), ...org.requests]) {
    maxId = Math.max(maxId, g.id);
    maxTokenId = Math.max(maxTokenId, g.tokenId);
  }
  const removed: number[] = [];
  for (const id of change.remove ?? []) {
    const grant = live.get(id);
    if (!grant) throw new Error(`fake-github: grant ${id} is not listed in ${org.login}`);
    live.delete(id);
    org.grantsById.delete(id);
    removed.push(id);
  }
  const edited: number[] = [];
  for (const [key, edit] of Object.entries(change.edit ?? {})) {
    const id = Number(key);
    const grant = live.get(id);
    if (!grant) throw new Error(`fake-github: grant ${id} is not listed in ${org.login}`);
    if (edit.permissions) grant.permissions = edit.permissions;
    if (edit.repoIds) {
      grant.repoIds = [...edit.repoIds];
      grant.repositorySelection = 'subset';
    }
    if (edit.repositorySelection) {
      grant.repositorySelection = edit.repositorySelection;
      if (edit.repositorySelection !== 'subset') grant.repoIds = [];
    }
    if (edit.expiresAt !== undefined) grant.expiresAt = edit.expiresAt;
    if (edit.lastUsedAt !== undefined) grant.lastUsedAt = edit.lastUsedAt;
    edited.push(id);
  }
  const added: GrantRecord[] = (change.add ?? []).map((spec, i) => {
    const owner = org.users.find((u) => u.login === spec.owner) ?? org.users[0];
    if (!owner) throw new Error(`fake-github: ${org.login} has no users to own a token`);
    const repoIds = spec.repoIds ?? [];
    const grant: GrantRecord = {
      id: maxId + 3 + i * 3,
      owner,
      repositorySelection: spec.repositorySelection ?? (repoIds.length > 0 ? 'subset' : 'all'),
      permissions: spec.permissions ?? { repository: { metadata: 'read', contents: 'write' } },
      // Newest first: each one a second after the last.
      grantedAt: Math.floor(now / 1000) * 1000 + i * 1000,
      tokenId: maxTokenId + 11 + i * 11,
      tokenName: spec.tokenName ?? `new token ${i + 1}`,
      expiresAt: spec.expiresAt === undefined ? now + 30 * 86_400_000 : spec.expiresAt,
      lastUsedAt: null,
      tzOffsetMin: 0,
      millis: false,
      repoIds,
    };
    org.grantsById.set(grant.id, grant);
    return grant;
  });
  org.grants = [...added.reverse(), ...org.grants.filter((g) => live.has(g.id))];
  return { added: added.map((g) => g.id), removed, edited };
}
