// The last answer to each GET, kept with its ETag so PATrol can ask GitHub "changed since?"
// (If-None-Match) and reuse the body on a 304, which costs no primary rate limit. Keyed by a
// hash of the credential and the URL: GitHub's ETags differ per token (github/docs#34689), and a
// body fetched with one credential is never served to another. Bounded: least recently used
// entries go first once the bodies pass `maxChars`.

export interface MemoEntry {
  etag: string;
  body: string;
  headers: [string, string][];
}

/** About 16 MB of UTF-16: a 10,000-token org's pages, not a 50,000-token one's. */
export const DEFAULT_MEMO_CHARS = 8_000_000;

export class EtagMemo {
  private readonly entries = new Map<string, MemoEntry>();
  private chars = 0;

  constructor(private readonly maxChars = DEFAULT_MEMO_CHARS) {}

  /** False for a memo of size 0 (the command line: one run never asks for a URL twice). */
  get keeps(): boolean {
    return this.maxChars > 0;
  }

  get(key: string): MemoEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key); // re-insert: Map order is the recency order
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: MemoEntry): void {
    this.delete(key);
    if (entry.body.length > this.maxChars) return;
    this.entries.set(key, entry);
    this.chars += entry.body.length;
    for (const [oldest, old] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= old.body.length;
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.chars -= old.body.length;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** SHA-256 of the credential and URL, so the memo holds no token in the clear. */
export async function memoKey(authorization: string | null, url: string): Promise<string> {
  const data = new TextEncoder().encode(`${authorization ?? ''}\n${url}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
