import { COLLECTIONS, SERVER_FIELD, type CollectionName } from '../../sync-protocol/index.js';
import type { DocumentScope } from '../store/store.js';

/**
 * True when the collection's schema has the server stamp: guides, areas and
 * statuses do not (their schemas forbid extra fields), so they travel without it.
 */
export function hasServerStamp(collection: CollectionName): boolean {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS[collection].schema.properties, SERVER_FIELD);
}

/**
 * Where a collection's documents live: public collections in a shared
 * database, or one per area when partitioned by area; private ones in the
 * user's own.
 */
export function documentScope(collection: CollectionName, userId: string | undefined, area?: string): DocumentScope {
  const def = COLLECTIONS[collection];
  if (def.partitionedByArea) return { collection, area };
  return def.public ? { collection } : { collection, userId };
}
