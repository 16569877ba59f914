// One list's tokens with their repeated parts shared. An extension message is JSON, so 50,000
// tokens arrive as 50,000 copies of each name, login, avatar URL and permission list, of which
// an org has a few thousand distinct ones. A page keeps the list for as long as it is open, and
// every major garbage collection marks all of it while the owner types (`npm run bench`): each
// copy shared is one object fewer to mark. Only one list's texts are kept while it is read, so
// hostile names cannot grow anything past the list itself.
import { type Permission, permissionOf, type WireToken } from './tokens';

export type ShareTokens = (token: WireToken) => WireToken;

/** A function that gives each token of one list the list's shared texts and permission lists. */
export function createTokenSharer(): ShareTokens {
  const texts = new Map<string, string>();
  const text = (value: string): string => {
    const known = texts.get(value);
    if (known !== undefined) return known;
    texts.set(value, value);
    return value;
  };
  // Permissions are the shared objects (lib/tokens.ts), so a list of them is known by their ids.
  const permissionIds = new Map<Permission, number>();
  const lists = new Map<string, readonly Permission[]>();
  const idOf = (permission: Permission): number => {
    let id = permissionIds.get(permission);
    if (id === undefined) {
      id = permissionIds.size;
      permissionIds.set(permission, id);
    }
    return id;
  };
  return (token) => {
    // The incoming array is never edited: a list already shared is frozen (a test, or a page
    // that hands the same objects in twice).
    const shared = token.permissions.map((p) => permissionOf(p.scope, p.name, p.level));
    let key = '';
    for (let i = 0; i < shared.length; i++) key += `${idOf(shared[i] as Permission)},`;
    let list = lists.get(key);
    if (list === undefined) {
      // Frozen: one array is every token's with these permissions, so none may edit it.
      list = Object.freeze(shared);
      lists.set(key, list);
    }
    token.permissions = list as Permission[];
    token.tokenName = text(token.tokenName);
    token.ownerLogin = text(token.ownerLogin);
    if (token.ownerAvatarUrl !== null) token.ownerAvatarUrl = text(token.ownerAvatarUrl);
    return token;
  };
}
