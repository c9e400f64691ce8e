/**
 * The device's own small IndexedDB database for material transfer, shared by
 * the page and the service worker (localStorage does not exist in a worker):
 * - `uploads`: tus upload URLs by fingerprint, so an upload resumes across
 *   reloads and from the service worker;
 * - `sessions`: the signed-in person's token, mirrored at sign-in and deleted
 *   at sign-out, so the service worker can send with the page closed;
 * - `outgoing-applications` / `outgoing-materials`: what the page still has
 *   to send, written by the page as it changes (../outgoing/outgoing.ts), so
 *   the service worker sends it without reading RxDB's own storage.
 */
export const TRANSFER_DB_NAME = 'tongban-transfer';
/** 2: the outgoing stores. */
const VERSION = 2;
export const UPLOADS_STORE = 'uploads';
export const SESSIONS_STORE = 'sessions';
export const OUTGOING_APPLICATIONS_STORE = 'outgoing-applications';
export const OUTGOING_MATERIALS_STORE = 'outgoing-materials';

export type TransferStoreName = typeof UPLOADS_STORE | typeof SESSIONS_STORE | typeof OUTGOING_APPLICATIONS_STORE | typeof OUTGOING_MATERIALS_STORE;

export interface TransferStore {
  get<T>(store: TransferStoreName, key: string): Promise<T | undefined>;
  getAll<T>(store: TransferStoreName): Promise<T[]>;
  put(store: TransferStoreName, value: object): Promise<void>;
  delete(store: TransferStoreName, key: string): Promise<void>;
  clear(store: TransferStoreName): Promise<void>;
  close(): void;
}

/** Opens the transfer database; `indexedDB` is injectable for Node tests (fake-indexeddb). */
export async function openTransferStore(indexedDB: IDBFactory = globalThis.indexedDB): Promise<TransferStore> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(TRANSFER_DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const upgrade = request.result;
      if (!upgrade.objectStoreNames.contains(UPLOADS_STORE)) upgrade.createObjectStore(UPLOADS_STORE, { keyPath: 'key' });
      if (!upgrade.objectStoreNames.contains(SESSIONS_STORE)) upgrade.createObjectStore(SESSIONS_STORE, { keyPath: 'userId' });
      for (const outgoing of [OUTGOING_APPLICATIONS_STORE, OUTGOING_MATERIALS_STORE]) {
        if (!upgrade.objectStoreNames.contains(outgoing)) upgrade.createObjectStore(outgoing, { keyPath: 'key' });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  // Another context upgrading the database (a new app version) must not be blocked by us.
  db.onversionchange = () => db.close();

  const run = <T>(store: TransferStoreName, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });

  return {
    get: (store, key) => run(store, 'readonly', (s) => s.get(key)),
    getAll: (store) => run(store, 'readonly', (s) => s.getAll()),
    put: async (store, value) => void (await run(store, 'readwrite', (s) => s.put(value))),
    delete: async (store, key) => void (await run(store, 'readwrite', (s) => s.delete(key))),
    clear: async (store) => void (await run(store, 'readwrite', (s) => s.clear())),
    close: () => db.close(),
  };
}
