// A column with each distinct value once, and per entry which one it is: the cache stores
// names, logins and avatars this way (lib/cache-pack.ts), and the popup's index reads them so.
export interface Distinct<T> {
  values: T[];
  of: Uint32Array;
}

export function distinct<T>(column: readonly T[]): Distinct<T> {
  const ids = new Map<T, number>();
  const values: T[] = [];
  const of = new Uint32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i] as T;
    let id = ids.get(value);
    if (id === undefined) {
      id = values.length;
      ids.set(value, id);
      values.push(value);
    }
    of[i] = id;
  }
  return { values, of };
}
