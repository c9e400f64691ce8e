import type { DocumentStore, MaterialStore } from '../store/store.js';
import { isCompleteWith, materialsOf } from './material-completeness.js';

/**
 * True when the user's application exists, is not deleted, and every
 * material it refers to has arrived. Asks the material store itself rather
 * than trusting the `completeAt` stamp: this is the gate before anything goes
 * upstream (the forwarder of issue 6 also requires `lifecycle: submitted`).
 */
export async function isApplicationComplete(
  deps: { documents: DocumentStore; materials: MaterialStore },
  input: { userId: string; applicationId: string },
): Promise<boolean> {
  const found = await deps.documents.readDocuments({ collection: 'applications', userId: input.userId }, [input.applicationId]);
  const doc = found.get(input.applicationId);
  if (!doc) return false;
  const held = await deps.materials.findHeld(input.userId, materialsOf(doc));
  return isCompleteWith(doc, held);
}
