import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { DatabaseOptions, UserDatabase } from './create-database.js';
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

/** A fresh phone with one person's database open, whose IndexedDB and database name the test keeps. */
export interface InspectablePhone {
  databases: Databases;
  db: UserDatabase;
  indexedDB: IDBFactory;
  name: string;
}

/**
 * Opens {@link InspectablePhone}s and closes them all after each test: for
 * tests that look at the phone's IndexedDB beside RxDB (the transfer database the service worker reads).
 */
export function inspectablePhones(): { open(userId: string): Promise<InspectablePhone>; closeAll(): Promise<void> } {
  const open: Databases[] = [];
  return {
    async open(userId) {
      const indexedDB = new IDBFactory();
      const name = `test${Math.random().toString(36).slice(2, 10)}`;
      const databases = await createDatabases({ name, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) });
      open.push(databases);
      return { databases, db: await databases.openUser(userId), indexedDB, name };
    },
    async closeAll() {
      for (const databases of open.splice(0)) await databases.close();
    },
  };
}
