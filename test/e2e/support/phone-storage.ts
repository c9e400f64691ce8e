import type { Page } from 'playwright-core';
import { USER_COLLECTION_CREATORS } from '../../../pwa/src/db/collections.js';
import { userDatabaseName } from '../../../device-core/database-names.js';

/**
 * What the phone really stored, read straight from IndexedDB through the
 * page: the built app exposes no test hooks. RxDB's Dexie storage keeps one
 * IndexedDB database per collection, `rxdb-dexie-<db>--<schema version>--<collection>`,
 * with tables `docs` and `attachments` (keyed `<doc id>||<attachment id>`).
 */
export function collectionDbName(userId: string, collection: keyof typeof USER_COLLECTION_CREATORS): string {
  // The schema version is part of the name: read it from the schema the app uses, never assume it.
  return `rxdb-dexie-${userDatabaseName(userId)}--${USER_COLLECTION_CREATORS[collection].schema.version}--${collection}`;
}

/** Every live document of one collection of the user's database. */
export async function readStoredDocs<T>(page: Page, userId: string, collection: keyof typeof USER_COLLECTION_CREATORS): Promise<T[]> {
  const docs = await page.evaluate(
    async (name) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        return await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction('docs', 'readonly').objectStore('docs').getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    },
    collectionDbName(userId, collection),
  );
  return (docs as Array<T & { _deleted?: unknown }>).filter((d) => d._deleted !== true && d._deleted !== '1' && d._deleted !== 1);
}

/** The bytes of one attachment of a locker item (the processed photo is `image`). */
export async function readLockerAttachment(page: Page, userId: string, sha256: string, attachment = 'image'): Promise<Buffer | null> {
  const base64 = await page.evaluate(
    async ([name, key]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        const row = await new Promise<{ data: Blob | string } | undefined>((resolve, reject) => {
          const request = db.transaction('attachments', 'readonly').objectStore('attachments').get(key);
          request.onsuccess = () => resolve(request.result as { data: Blob | string } | undefined);
          request.onerror = () => reject(request.error);
        });
        if (!row) return null;
        if (typeof row.data === 'string') return row.data;
        const bytes = new Uint8Array(await row.data.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
      } finally {
        db.close();
      }
    },
    [collectionDbName(userId, 'materials'), `${sha256}||${attachment}`] as const,
  );
  return base64 === null ? null : Buffer.from(base64, 'base64');
}
