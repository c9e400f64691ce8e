import type { DocumentStore, MaterialStore } from '../store/store.js';
import { isCompleteWith, materialsOf } from './material-completeness.js';

/**
 * True when the user's application exists, is not deleted, and every
 * material it refers to has arrived (a draft too). Asks the material store
 * itself rather than trusting the `completeAt` stamp. What goes upstream is
 * this and `lifecycle: submitted`: one predicate, `mayGoUpstream` in
 * domain/plan-deliveries.ts, which the queue and the forwarder use.
 */
export async function isApplicationComplete(deps: { documents: DocumentStore; materials: MaterialStore }, input: { userId: string; applicationId: string }): Promise<boolean> {
  const found = await deps.documents.readDocuments({ collection: 'applications', userId: input.userId }, [input.applicationId]);
  const doc = found.get(input.applicationId);
  if (!doc) return false;
  const held = await deps.materials.findHeld(input.userId, materialsOf(doc));
  return isCompleteWith(doc, held);
}
