import type { DocumentScope } from 'nano';
import { guardCouch } from './couch-errors.js';

/**
 * Current documents by id, read with one POST to `_all_docs` (nano's
 * `fetch`): the ids travel in the body, never in a URL a proxy or CouchDB's
 * own log records. Missing and deleted ids are absent from the map.
 */
export async function fetchByIds<T extends object>(db: DocumentScope<T>, ids: string[]): Promise<Map<string, T & { _id: string; _rev: string }>> {
  const found = new Map<string, T & { _id: string; _rev: string }>();
  if (ids.length === 0) return found;
  const answer = await guardCouch(() => db.fetch({ keys: ids }));
  for (const row of answer.rows) {
    if ('doc' in row && row.doc) found.set(row.id, row.doc as T & { _id: string; _rev: string });
  }
  return found;
}
