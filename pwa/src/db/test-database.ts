import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createDatabase, type TongbanDatabase } from './create-database.js';

/** A fresh database on an in-memory IndexedDB, for tests in Node. */
export function createTestDatabase(): Promise<TongbanDatabase> {
  return createDatabase({
    name: `test${Math.random().toString(36).slice(2, 10)}`,
    storage: getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }),
  });
}
