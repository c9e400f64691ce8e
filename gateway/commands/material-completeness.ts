import { referencedMaterials, type ApplicationDoc, type CollectionName } from '../../sync-protocol/index.js';
import type { StoredDocument } from '../domain/stored-document.js';

/**
 * Completeness rules shared by push, material arrival and the forwarder. An
 * application is complete at the gateway when every material it refers to
 * (`referencedMaterials`) has arrived for its owner. A tombstone is never
 * complete: nothing of it goes upstream.
 */

/** Only applications refer to materials. */
export function refersToMaterials(collection: CollectionName): collection is 'applications' {
  return collection === 'applications';
}

/** The hashes a stored application refers to; none for a tombstone. */
export function materialsOf(doc: StoredDocument): string[] {
  if (doc.deleted) return [];
  return referencedMaterials(doc.data as Pick<ApplicationDoc, 'materials' | 'commitment' | 'supplements' | 'authorisation'>);
}

/** True when the owner holds every material of a live application. */
export function isCompleteWith(doc: StoredDocument, held: ReadonlySet<string>): boolean {
  return !doc.deleted && materialsOf(doc).every((sha256) => held.has(sha256));
}

/**
 * The application with its completeness recorded: `server.completeAt` (kept
 * from the previous revision when it was already complete, else `now`) and the
 * indexed `materialsComplete` flag. Tombstones carry neither.
 */
export function withCompleteness(doc: StoredDocument, held: ReadonlySet<string>, previous: StoredDocument | undefined, now: string): StoredDocument {
  const { completeAt: _dropped, ...server } = doc.server;
  const { materialsComplete: _flag, ...rest } = doc;
  if (doc.deleted) return { ...rest, server };
  if (!isCompleteWith(doc, held)) return { ...rest, server, materialsComplete: false };
  const completeAt = previous?.materialsComplete === true && previous.server.completeAt ? previous.server.completeAt : now;
  return { ...rest, server: { ...server, completeAt }, materialsComplete: true };
}
