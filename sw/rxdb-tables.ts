/**
 * Read-only access to the IndexedDB tables RxDB 17's Dexie storage keeps, for
 * the service worker, which does not open RxDB (hundreds of kB, and a second
 * instance writing the same database). The layout: one database per
 * collection, `rxdb-dexie-<db>--<schema version>--<collection>`, with tables
 * `docs` (documents by primary key, `_deleted` stored as '1'/'0') and
 * `attachments` (`<doc id>||<attachment id>` → `{ data: Blob }`). Tests
 * beside the readers write through RxDB and read through here, so a change of
 * that layout fails in CI, not on a phone.
 */

/** The IndexedDB database that holds one collection of an RxDB database. */
export function rxdbTableName(databaseName: string, collection: string, schemaVersion: number): string {
  return `rxdb-dexie-${databaseName}--${schemaVersion}--${collection}`;
}

/** Fields RxDB's storage adds to every stored document. */
export interface StoredFields {
  _deleted?: boolean | string;
  _attachments?: Record<string, { type?: string }>;
  _meta?: unknown;
  _rev?: string;
}

export function isDeleted(doc: StoredFields): boolean {
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

export function readAll<T>(indexedDB: IDBFactory, dbName: string, store: string): Promise<T[]> {
  return withStore(indexedDB, dbName, store, (s) => asPromise(s.getAll() as IDBRequest<T[]>), []);
}

export function readKeys<T>(indexedDB: IDBFactory, dbName: string, store: string, keys: string[]): Promise<(T | undefined)[]> {
  return withStore(indexedDB, dbName, store, (s) => Promise.all(keys.map((k) => asPromise(s.get(k) as IDBRequest<T | undefined>))), []);
}
