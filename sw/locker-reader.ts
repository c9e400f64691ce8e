// The module itself, not the index: the index brings the protocol's ajv validators along.
import { applicationSchema, referencedMaterials, type ApplicationDoc } from '../sync-protocol/schemas/application.js';
import { userDatabaseName } from '../device-core/database-names.js';
import { LOCKER_IMAGE, lockerItemSchema, type LockerItemDoc } from '../pwa/src/db/locker-schema.js';
import type { MaterialSource } from '../device-core/transfer/material-source.js';
import { isDeleted, readAll, readKeys, rxdbTableName, type StoredFields } from './rxdb-tables.js';

/**
 * Reads a person's material locker and applications straight from the
 * IndexedDB tables RxDB's Dexie storage keeps, read-only, for the service
 * worker. Opening RxDB itself in the worker would add RxDB, Dexie and ajv
 * (hundreds of kB) to a file every page load checks for updates, and a
 * second RxDB instance writing the same database; reading three tables
 * needs neither (the layout: ./rxdb-tables.ts, tested against RxDB in
 * sw/locker-reader.test.ts).
 *
 * Nothing is written: uploads done here are recorded by the page's next
 * round, when the gateway's `have` answer lists them.
 */
export function createLockerReader(userId: string, indexedDB: IDBFactory = globalThis.indexedDB, deviceName?: string): MaterialSource {
  const dbName = userDatabaseName(userId, deviceName);
  const applicationsDb = rxdbTableName(dbName, 'applications', applicationSchema.version);
  const materialsDb = rxdbTableName(dbName, 'materials', lockerItemSchema.version);

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

