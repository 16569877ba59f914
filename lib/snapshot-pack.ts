// How a snapshot is stored: in columns, numbers in typed arrays (they clone as flat buffers),
// each owner login once, digests as 64-bit integers. About 60 bytes a grant plus its name
// (README "What changed" has the figure for 50,000 grants).
import { SNAPSHOT_FORMAT, type Snapshot, type SnapshotEntry } from './snapshot';
import type { RepositorySelection } from './tokens';

export interface PackedSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  packed: true;
  org: string;
  takenAt: number;
  grantIds: Float64Array;
  /** NaN for an unknown token id. */
  tokenIds: Float64Array;
  ownerIds: Float64Array;
  /** NaN for never. */
  expiresAt: Float64Array;
  /** Bits 0-1: selection (0 all, 1 subset, 2 none); bit 2: repository digest known. */
  flags: Uint8Array;
  /** Two 32-bit words a grant, high first: the fields digest, then the repositories digest. */
  digests: Uint32Array;
  logins: string[];
  loginIndex: Uint32Array;
  names: string[];
}

const SELECTIONS: RepositorySelection[] = ['all', 'subset', 'none'];
const REPOS_KNOWN = 4;

const hexWords = (hex: string): [number, number] => [
  Number.parseInt(hex.slice(0, 8), 16) >>> 0,
  Number.parseInt(hex.slice(8, 16), 16) >>> 0,
];
const wordsHex = (hi: number, lo: number): string =>
  hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');

export function packSnapshot(snapshot: Snapshot): PackedSnapshot {
  const n = snapshot.entries.length;
  const out: PackedSnapshot = {
    format: SNAPSHOT_FORMAT,
    packed: true,
    org: snapshot.org,
    takenAt: snapshot.takenAt,
    grantIds: new Float64Array(n),
    tokenIds: new Float64Array(n),
    ownerIds: new Float64Array(n),
    expiresAt: new Float64Array(n),
    flags: new Uint8Array(n),
    digests: new Uint32Array(n * 4),
    logins: [],
    loginIndex: new Uint32Array(n),
    names: new Array<string>(n),
  };
  const loginAt = new Map<string, number>();
  snapshot.entries.forEach((e, i) => {
    out.grantIds[i] = e.grantId;
    out.tokenIds[i] = e.tokenId ?? Number.NaN;
    out.ownerIds[i] = e.ownerId;
    out.expiresAt[i] = e.expiresAt ?? Number.NaN;
    out.flags[i] = SELECTIONS.indexOf(e.repositorySelection) | (e.repositories === null ? 0 : REPOS_KNOWN);
    out.digests.set(
      [...hexWords(e.fields), ...(e.repositories === null ? [0, 0] : hexWords(e.repositories))],
      i * 4,
    );
    let at = loginAt.get(e.ownerLogin);
    if (at === undefined) {
      at = out.logins.length;
      loginAt.set(e.ownerLogin, at);
      out.logins.push(e.ownerLogin);
    }
    out.loginIndex[i] = at;
    out.names[i] = e.tokenName;
  });
  return out;
}

const orNull = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v);

/** Throws RangeError on a damaged record (columns of different lengths). */
export function unpackSnapshot(p: PackedSnapshot): Snapshot {
  const n = p.grantIds.length;
  const sizes = [
    p.tokenIds.length,
    p.ownerIds.length,
    p.expiresAt.length,
    p.flags.length,
    p.loginIndex.length,
  ];
  if (sizes.some((s) => s !== n) || p.digests.length !== n * 4 || p.names.length !== n)
    throw new RangeError('A stored snapshot is damaged: its columns differ in length');
  const entries: SnapshotEntry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const flags = p.flags[i] ?? 0;
    const d = (k: number) => p.digests[i * 4 + k] ?? 0;
    entries[i] = {
      grantId: p.grantIds[i] ?? 0,
      tokenId: orNull(p.tokenIds[i]),
      ownerId: p.ownerIds[i] ?? 0,
      ownerLogin: p.logins[p.loginIndex[i] ?? 0] ?? '',
      tokenName: p.names[i] ?? '',
      repositorySelection: SELECTIONS[flags & 3] ?? 'none',
      expiresAt: orNull(p.expiresAt[i]),
      fields: wordsHex(d(0), d(1)),
      repositories: flags & REPOS_KNOWN ? wordsHex(d(2), d(3)) : null,
    };
  }
  return { format: SNAPSHOT_FORMAT, org: p.org, takenAt: p.takenAt, entries };
}
