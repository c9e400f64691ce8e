import type { AreaDoc } from '../../sync-protocol/index.js';
import type { DocumentStore } from '../store/store.js';

/** A published area, or null when the code is not one. */
export async function findArea(deps: { documents: DocumentStore }, code: string): Promise<AreaDoc | null> {
  const doc = (await deps.documents.readDocuments({ collection: 'areas' }, [code])).get(code);
  return doc && !doc.deleted ? (doc.data as AreaDoc) : null;
}

/** Which of these codes are published areas: one read for all of them. */
export async function findPublishedAreas(deps: { documents: DocumentStore }, codes: string[]): Promise<Set<string>> {
  const unique = [...new Set(codes)];
  const docs = await deps.documents.readDocuments({ collection: 'areas' }, unique);
  return new Set(
    unique.filter((code) => {
      const doc = docs.get(code);
      return doc !== undefined && !doc.deleted;
    }),
  );
}
