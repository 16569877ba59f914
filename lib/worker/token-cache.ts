// auth-app's installation-token cache, kept in storage.session so a restarted worker
// reuses a live token instead of minting a new one. storage.session is closed to content
// scripts, lives in memory only, and an entry is dropped as soon as its token expires.
import { browser } from 'wxt/browser';

const KEY = 'installation-tokens';
/** Treat a token as gone this long before GitHub's expiry, so no request races it. */
const EXPIRY_MARGIN_MS = 60_000;

type Entries = Record<string, string>;

// auth-app stores "token|createdAt|expiresAt|…"; the third field is GitHub's expires_at.
function expiresAtOf(value: string): number {
  const expiresAt = Date.parse(value.split('|')[2] ?? '');
  return Number.isNaN(expiresAt) ? 0 : expiresAt;
}

async function live(now: number): Promise<Entries> {
  const found = await browser.storage.session.get(KEY);
  const entries = (found[KEY] ?? {}) as Entries;
  const kept: Entries = {};
  let pruned = false;
  for (const [key, value] of Object.entries(entries)) {
    if (expiresAtOf(value) - EXPIRY_MARGIN_MS > now) kept[key] = value;
    else pruned = true;
  }
  if (pruned) await browser.storage.session.set({ [KEY]: kept });
  return kept;
}

export const installationTokenCache = {
  async get(key: string): Promise<string | undefined> {
    return (await live(Date.now()))[key];
  },
  async set(key: string, value: string): Promise<void> {
    const entries = await live(Date.now());
    await browser.storage.session.set({ [KEY]: { ...entries, [key]: value } });
  },
  async clear(): Promise<void> {
    await browser.storage.session.remove(KEY);
  },
  /** Drops expired entries; run on worker start-up and by alarm. */
  async prune(): Promise<void> {
    await live(Date.now());
  },
};
