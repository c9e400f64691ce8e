import type { StoredDocument } from '../domain/stored-document.js';
import type { DocumentStore } from '../store/store.js';
import type { CheckedImportFile } from './check-import-file.js';
import type { ImportState, PublishedGuide } from './plan-guide-import.js';

/** Areas whose guides databases are read at once. */
const AREA_READ_CONCURRENCY = 8;

/**
 * Every stored copy of the given guide ids, across all areas' databases: a
 * guide's id does not say its area, and a guide that moved has a tombstone
 * where it was.
 */
export async function findPublishedGuides(documents: DocumentStore, ids: string[]): Promise<Map<string, PublishedGuide[]>> {
  const found = new Map<string, PublishedGuide[]>();
  if (ids.length === 0) return found;
  const areas = await documents.listAreaPartitions('guides');
  for (let i = 0; i < areas.length; i += AREA_READ_CONCURRENCY) {
    const batch = areas.slice(i, i + AREA_READ_CONCURRENCY);
    const pages = await Promise.all(batch.map((area) => documents.readDocuments({ collection: 'guides', area }, ids)));
    pages.forEach((docs, j) => {
      for (const doc of docs.values()) found.set(doc._id, [...(found.get(doc._id) ?? []), { area: batch[j], doc }]);
    });
  }
  return found;
}

/** What an import's plan depends on: the areas it names and every copy of the guides it names. */
export async function readImportState(documents: DocumentStore, file: CheckedImportFile, now: string): Promise<ImportState> {
  const codes = [...new Set([...file.areas.map((area) => area.code), ...file.guides.map((guide) => guide.areaCode)])];
  const areas: Map<string, StoredDocument> = await documents.readDocuments({ collection: 'areas' }, codes);
  const guides = await findPublishedGuides(documents, [...new Set([...file.guides.map((guide) => guide.id), ...file.withdraw])]);
  return { areas, guides, now };
}
