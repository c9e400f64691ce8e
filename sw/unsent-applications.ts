// The modules, not the index: the index brings the protocol's ajv validators along.
import type { WireDocument } from '../sync-protocol/messages.js';
import { applicationSchema, type ApplicationDoc } from '../sync-protocol/schemas/application.js';
import { userDatabaseName } from '../device-core/database-names.js';
import { awaitingPush } from '../device-core/unacknowledged.js';
import { syncIssueSchema, type SyncIssueDoc } from '../pwa/src/db/sync-issue-schema.js';
import { isDeleted, readAll, rxdbTableName, type StoredFields } from './rxdb-tables.js';

/**
 * The submitted applications of one person that the gateway has never
 * acknowledged (no `server` stamp pulled back), as RxDB's replication would
 * push them: the document without the storage's own fields. These are what a
 * phone filed offline; the service worker pushes them when the page is
 * closed. An application the gateway already holds and the phone changed
 * since (a supplement, a rating) is left to the page, whose replication
 * knows the master state it assumes. One the gateway refused as it stands
 * (an open sync issue) waits for the person's edit: pushed again, it would
 * only be refused again.
 */
export async function readUnsentApplications(userId: string, indexedDB: IDBFactory = globalThis.indexedDB, deviceName?: string): Promise<WireDocument<ApplicationDoc>[]> {
  const table = rxdbTableName(userDatabaseName(userId, deviceName), 'applications', applicationSchema.version);
  const issuesTable = rxdbTableName(userDatabaseName(userId, deviceName), 'syncissues', syncIssueSchema.version);
  const [stored, issues] = await Promise.all([
    readAll<ApplicationDoc & StoredFields>(indexedDB, table, 'docs'),
    readAll<SyncIssueDoc & StoredFields>(indexedDB, issuesTable, 'docs'),
  ]);
  const refused = new Set(issues.filter((issue) => !isDeleted(issue) && issue.scope === 'applications').map((issue) => issue.documentId));
  return awaitingPush(stored.filter((doc) => !isDeleted(doc)), refused).map(asPushed);
}

function asPushed(doc: ApplicationDoc & StoredFields): WireDocument<ApplicationDoc> {
  const { _deleted, _attachments, _meta, _rev, ...content } = doc;
  return { ...content, _deleted: false };
}
