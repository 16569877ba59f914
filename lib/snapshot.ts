// A snapshot of an org's grants for "what changed" (PRODUCT.md "What changed"): per grant its
// ids, what a reviewer needs to name it, and two short digests of the fields whose change
// matters (permissions, repository selection and expiry; the repository list, when known).
// Compact on purpose: the full list lives in the grants cache, a snapshot only has to tell
// whether a grant is new, changed or gone, and to show a gone one.
import { createSHA256, type IHasher } from 'hash-wasm';
import type { LoadedGrants } from './protocol';
import type { RepositorySelection, WireToken } from './tokens';

export const SNAPSHOT_FORMAT = 1;

export interface SnapshotEntry {
  grantId: number;
  tokenId: number | null;
  ownerId: number;
  ownerLogin: string;
  tokenName: string;
  repositorySelection: RepositorySelection;
  /** Epoch ms, null when the token never expires. */
  expiresAt: number | null;
  /** 16 hex digits: see fieldsDigestInput. */
  fields: string;
  /** 16 hex digits over the repository list; null when the list is not known (or not a subset). */
  repositories: string | null;
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  org: string;
  /** When the list it was taken from was loaded (epoch ms). */
  takenAt: number;
  /** One entry per grant id, ascending grant id. */
  entries: SnapshotEntry[];
}

let hasher: Promise<IHasher> | null = null;

/** SHA-256 of a UTF-8 string, lower-case hex. Synchronous once the hasher is ready. */
async function sha256Hasher(): Promise<(text: string) => string> {
  hasher ??= createSHA256();
  const h = await hasher;
  return (text) => {
    h.init();
    h.update(text);
    return h.digest('hex');
  };
}

export async function sha256Hex(text: string): Promise<string> {
  return (await sha256Hasher())(text);
}

/** ISO 8601 in UTC with milliseconds, or '' for never. */
export const isoOrEmpty = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/**
 * What `fields` digests: JSON of [repository_selection, token_expires_at (ISO, or null),
 * permissions as "scope/name:level" sorted]. Order-free, so GitHub listing the same
 * permissions in another order is no change.
 */
export function fieldsDigestInput(
  token: Pick<WireToken, 'repositorySelection' | 'expiresAt' | 'permissions'>,
) {
  const perms = token.permissions.map((p) => `${p.scope}/${p.name}:${p.level}`).sort();
  return JSON.stringify([
    token.repositorySelection,
    token.expiresAt === null ? null : isoOrEmpty(token.expiresAt),
    perms,
  ]);
}

function fieldsOf(token: WireToken, hash: (text: string) => string): string {
  let digest = fieldsDigests.get(token);
  if (digest === undefined) {
    digest = hash(fieldsDigestInput(token)).slice(0, 16);
    fieldsDigests.set(token, digest);
  }
  return digest;
}

/** What `repositories` digests: JSON of the full names, lower case, sorted, without repeats. */
export function repositoriesDigestInput(names: readonly string[]): string {
  return JSON.stringify([...new Set(names.map((n) => n.toLowerCase()))].sort());
}

// The worker keeps the last list of each org in memory (grants-cache.ts) and asks for its
// snapshot on every panel load: each token's fields digest is computed once (tokens are never
// edited in place: a reload brings new objects).
const fieldsDigests = new WeakMap<WireToken, string>();

/**
 * The snapshot of a loaded list. `repositories` holds the lists fetched so far (grant id →
 * full names); a grant listed twice (a page shifted while the list was read) counts once,
 * its last listing winning, as it was read later.
 */
export async function takeSnapshot(
  loaded: LoadedGrants,
  repositories: Readonly<Record<string, readonly string[] | undefined>> = {},
): Promise<Snapshot> {
  const hash = await sha256Hasher();
  const byId = new Map<number, SnapshotEntry>();
  for (const token of loaded.tokens) {
    const list = token.repositorySelection === 'subset' ? repositories[token.grantId] : undefined;
    byId.set(token.grantId, {
      grantId: token.grantId,
      tokenId: token.tokenId,
      ownerId: token.ownerId,
      ownerLogin: token.ownerLogin,
      tokenName: token.tokenName,
      repositorySelection: token.repositorySelection,
      expiresAt: token.expiresAt,
      fields: fieldsOf(token, hash),
      repositories: list ? hash(repositoriesDigestInput(list)).slice(0, 16) : null,
    });
  }
  const entries = [...byId.values()].sort((a, b) => a.grantId - b.grantId);
  return { format: SNAPSHOT_FORMAT, org: loaded.org, takenAt: loaded.loadedAt, entries };
}

/**
 * The canonical serialisation whose SHA-256 is a snapshot's digest (README "What changed"):
 * one line per grant in ascending grant id, fields separated by a tab, each line ending in
 * LF: grant_id, token_id (empty when unknown), owner_id, repository_selection,
 * token_expires_at (ISO 8601 UTC with milliseconds, empty when never), fields_digest,
 * repositories_digest (empty when unknown). Only numbers, GitHub's enum values, times and hex:
 * nothing an owner types, so every value reads back unchanged from the review CSV.
 */
export function canonicalSnapshot(entries: readonly SnapshotEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.grantId - b.grantId);
  let out = '';
  for (const e of sorted) {
    out += `${e.grantId}\t${e.tokenId ?? ''}\t${e.ownerId}\t${e.repositorySelection}\t${isoOrEmpty(e.expiresAt)}\t${e.fields}\t${e.repositories ?? ''}\n`;
  }
  return out;
}

/** The snapshot's SHA-256, lower-case hex, over canonicalSnapshot. */
export async function snapshotDigest(entries: readonly SnapshotEntry[]): Promise<string> {
  return sha256Hex(canonicalSnapshot(entries));
}
