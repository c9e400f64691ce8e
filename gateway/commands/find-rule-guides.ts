import type { GuideDoc } from '../../sync-protocol/index.js';
import type { DocumentStore } from '../store/store.js';
import { findPublishedGuides } from './read-import-state.js';

/**
 * The guides that submitted applications name, as the gateway holds them, for
 * the submission rules: one read per area for the whole batch (a guide's id
 * does not say its area). Per id, the live copy, else the latest tombstone of
 * a withdrawn guide (its version is past any an application can name, so such
 * an application gets the rules that need no guide). Ids the gateway never
 * published are absent.
 */
export async function findRuleGuides(documents: DocumentStore, guideIds: string[]): Promise<Map<string, GuideDoc>> {
  const copies = await findPublishedGuides(documents, [...new Set(guideIds)]);
  const guides = new Map<string, GuideDoc>();
  for (const [id, list] of copies) {
    const live = list.find((copy) => !copy.doc.deleted);
    const chosen = live ?? [...list].sort((a, b) => Number(b.doc.data.version) - Number(a.doc.data.version))[0];
    // Stored by the import after validation against guideSchema.
    if (chosen) guides.set(id, chosen.doc.data as GuideDoc);
  }
  return guides;
}
