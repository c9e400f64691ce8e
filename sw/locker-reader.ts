// The module itself, not the index: the index brings the protocol's ajv validators along.
import { applicationSchema, referencedMaterials, type ApplicationDoc } from '../sync-protocol/schemas/application.js';
import { userDatabaseName } from '../pwa/src/db/database-names.js';
import { LOCKER_IMAGE, lockerItemSchema, type LockerItemDoc } from '../pwa/src/db/locker-schema.js';
import type { MaterialSource } from '../pwa/src/transfer/material-source.js';

/**
 * Reads a person's material locker and applications straight from the
 * IndexedDB tables RxDB's Dexie storage keeps, read-only, for the service
 * worker. Opening RxDB itself in the worker would add RxDB, Dexie and ajv
 * (hundreds of kB) to a file every page load checks for updates, and a
 * second RxDB instance writing the same database; reading three tables
 * needs neither. The layout read here is RxDB 17's Dexie storage: one
 * database per collection, `rxdb-dexie-<db>--<schema version>--<collection>`,
 * with tables `docs` (documents by primary key, `_deleted` stored as '1'/'0')
 * and `attachments` (`<doc id>||<attachment id>` → `{ data: Blob }`).
 * pwa/src/db tests that layout against RxDB (sw/locker-reader.test.ts).
 *
 * Nothing is written: uploads done here are recorded by the page's next
 * round, when the gateway's `have` answer lists them.
 */
export function createLockerReader(userId: string, indexedDB: IDBFactory = globalThis.indexedDB, deviceName?: string): MaterialSource {
  const dbName = userDatabaseName(userId, deviceName);
  const applicationsDb = `rxdb-dexie-${dbName}--${applicationSchema.version}--applications`;
  const materialsDb = `rxdb-dexie-${dbName}--${lockerItemSchema.version}--materials`;

  return {
    async unsent() {
      const apps = await readAll<ApplicationDoc & StoredFields>(indexedDB, applicationsDb, 'docs');
      const wanted = new Set(apps.filter((a) => !isDeleted(a) && a.lifecycle === 'submitted').flatMap((a) => referencedMaterials(a)));
      if (wanted.size === 0) return [];
      const items = await readAll<LockerItemDoc & StoredFields>(indexedDB, materialsDb, 'docs');
      return items.filter((item) => !isDeleted(item) && wanted.has(item.sha256) && !item.uploadedAt).map((item) => item.sha256);
    },
    async blob(sha256) {
      const [item] = await readKeys<LockerItemDoc & StoredFields>(indexedDB, materialsDb, 'docs', [sha256]);
      if (!item || isDeleted(item)) return null;
      const [attachment] = await readKeys<{ data?: Blob }>(indexedDB, materialsDb, 'attachments', [`${sha256}||${LOCKER_IMAGE}`]);
      if (!(attachment?.data instanceof Blob)) return null;
      const type = item._attachments?.[LOCKER_IMAGE]?.type ?? item.contentType;
      return attachment.data.type === type ? attachment.data : new Blob([attachment.data], { type });
    },
    // Read-only here: the page marks it when `have` lists it.
    async markUploaded() {},
  };
}

interface StoredFields {
  _deleted?: boolean | string;
  _attachments?: Record<string, { type?: string }>;
}

function isDeleted(doc: StoredFields): boolean {
  return doc._deleted === true || doc._deleted === '1';
}

/** Opens a database only if it exists: opening a missing one would create it empty under RxDB's feet. */
async function openExisting(indexedDB: IDBFactory, name: string): Promise<IDBDatabase | null> {
  const known = await indexedDB.databases?.();
  if (known && !known.some((d) => d.name === name)) return null;
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    // The database did not exist after all (no databases() support): undo the creation.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve(null) : reject(request.error));
  });
}

async function withStore<T>(indexedDB: IDBFactory, dbName: string, store: string, read: (s: IDBObjectStore) => Promise<T>, empty: T): Promise<T> {
  const db = await openExisting(indexedDB, dbName);
  if (!db) return empty;
  try {
    if (!db.objectStoreNames.contains(store)) return empty;
    return await read(db.transaction(store, 'readonly').objectStore(store));
  } finally {
    db.close();
  }
}

function asPromise<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function readAll<T>(indexedDB: IDBFactory, dbName: string, store: string): Promise<T[]> {
  return withStore(indexedDB, dbName, store, (s) => asPromise(s.getAll() as IDBRequest<T[]>), []);
}

function readKeys<T>(indexedDB: IDBFactory, dbName: string, store: string, keys: string[]): Promise<(T | undefined)[]> {
  return withStore(indexedDB, dbName, store, (s) => Promise.all(keys.map((k) => asPromise(s.get(k) as IDBRequest<T | undefined>))), []);
}
