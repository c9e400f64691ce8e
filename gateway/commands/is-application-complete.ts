import type { DocumentStore, MaterialStore } from '../store/store.js';
import { mayGoUpstream } from '../upstream/plan-deliveries.js';
import { isCompleteWith, materialsOf } from './material-completeness.js';

/**
 * True when the user's application may go upstream (mayGoUpstream): it
 * exists, is live and submitted, and every material it refers to has
 * arrived. Asks the material store itself rather than trusting the
 * `completeAt` stamp.
 */
export async function isApplicationComplete(
  deps: { documents: DocumentStore; materials: MaterialStore },
  input: { userId: string; applicationId: string },
): Promise<boolean> {
  const found = await deps.documents.readDocuments({ collection: 'applications', userId: input.userId }, [input.applicationId]);
  const doc = found.get(input.applicationId);
  if (!doc) return false;
  const held = await deps.materials.findHeld(input.userId, materialsOf(doc));
  return mayGoUpstream(doc, isCompleteWith(doc, held));
}
