import type { UserDatabase } from './create-database.js';
import { syncIssueId } from './sync-issue-schema.js';

/** Records documents the gateway refused on push, one open issue per document. */
export async function recordSyncIssues(
  db: UserDatabase,
  collection: string,
  errors: { id: string; code: string; message: string; field?: string }[],
  now: () => Date = () => new Date(),
): Promise<void> {
  if (errors.length === 0) return;
  await db.syncissues.bulkUpsert(
    errors.map((e) => ({
      id: syncIssueId(collection, e.id),
      scope: collection,
      documentId: e.id,
      code: e.code.slice(0, 64),
      message: e.message.slice(0, 500),
      ...(e.field ? { field: e.field.slice(0, 200) } : {}),
      at: now().toISOString(),
    })),
  );
}

/** Removes the open issue of a document, if any. */
export async function clearSyncIssue(db: UserDatabase, collection: string, documentId: string): Promise<void> {
  await db.syncissues.findOne(syncIssueId(collection, documentId)).remove();
}
