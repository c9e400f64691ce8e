// The modules, not the index: the index brings the protocol's ajv validators along.
import type { WireDocument } from '../sync-protocol/messages.js';
import { applicationSchema, type ApplicationDoc } from '../sync-protocol/schemas/application.js';
import { userDatabaseName } from '../pwa/src/db/database-names.js';
import { isUnacknowledged } from '../pwa/src/model/unacknowledged.js';
import { isDeleted, readAll, rxdbTableName, type StoredFields } from './rxdb-tables.js';

/**
 * The submitted applications of one person that the gateway has never
 * acknowledged (no `server` stamp pulled back), as RxDB's replication would
 * push them: the document without the storage's own fields. These are what a
 * phone filed offline; the service worker pushes them when the page is
 * closed. An application the gateway already holds and the phone changed
 * since (a supplement, a rating) is left to the page, whose replication
 * knows the master state it assumes.
 */
export async function readUnsentApplications(userId: string, indexedDB: IDBFactory = globalThis.indexedDB, deviceName?: string): Promise<WireDocument<ApplicationDoc>[]> {
  const table = rxdbTableName(userDatabaseName(userId, deviceName), 'applications', applicationSchema.version);
  const stored = await readAll<ApplicationDoc & StoredFields>(indexedDB, table, 'docs');
  return stored.filter((doc) => !isDeleted(doc) && isUnacknowledged(doc)).map(asPushed);
}

function asPushed(doc: ApplicationDoc & StoredFields): WireDocument<ApplicationDoc> {
  const { _deleted, _attachments, _meta, _rev, ...content } = doc;
  return { ...content, _deleted: false };
}
