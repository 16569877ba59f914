import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';

// Every test starts with empty worker databases, as fakeBrowser.reset() does for storage.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
