// Where each org's membership is kept: storage.local, one item per org (no secret: logins and
// roles), written by the worker, forgotten at sign-out.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { MembersView } from './members';

const itemOf = (org: string) =>
  storage.defineItem<MembersView | null>(`local:members:${org.toLowerCase()}`, {
    fallback: null,
  });

export function readMembers(org: string): Promise<MembersView | null> {
  return itemOf(org).getValue();
}

export function writeMembers(view: MembersView): Promise<void> {
  return itemOf(view.org).setValue(view);
}

/** Sign-out: every org's membership goes with the credential that read it. */
export async function dropAllMembers(): Promise<void> {
  const keys = Object.keys(await browser.storage.local.get(null)).filter((k) => k.startsWith('members:'));
  if (keys.length > 0) await browser.storage.local.remove(keys);
}
