import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { DatabaseOptions } from './create-database.js';
import { createDatabases, type Databases } from './databases.js';

/**
 * A fresh phone for tests in Node: its own in-memory IndexedDB, and a random
 * name so several phones can be open in one process.
 */
export function createTestDatabases(options: Pick<DatabaseOptions, 'leaveClosed'> = {}): Promise<Databases> {
  return createDatabases({
    ...options,
    name: `test${Math.random().toString(36).slice(2, 10)}`,
    storage: getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }),
  });
}
