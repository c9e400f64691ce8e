import { COLLECTIONS, SERVER_FIELD, type CollectionName } from '../../sync-protocol/index.js';
import type { DocumentScope } from '../store/store.js';

/**
 * True when the collection's schema has the server stamp: guides and statuses
 * do not (their schemas forbid extra fields), so they travel without it.
 */
export function hasServerStamp(collection: CollectionName): boolean {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS[collection].schema.properties, SERVER_FIELD);
}

/** Public collections share one database; private ones live in the user's own. */
export function documentScope(collection: CollectionName, userId: string | undefined): DocumentScope {
  return COLLECTIONS[collection].public ? { collection } : { collection, userId };
}
